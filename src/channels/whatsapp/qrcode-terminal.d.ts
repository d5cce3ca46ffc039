/** The one function of qrcode-terminal (CommonJS, no bundled types) the channel uses. */
declare module 'qrcode-terminal' {
  const qrcode: {
    generate(input: string, opts: { small?: boolean }, callback: (drawing: string) => void): void;
  };
  export default qrcode;
}
