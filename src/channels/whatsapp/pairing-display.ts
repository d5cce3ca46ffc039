import qrcode from 'qrcode-terminal';

/**
 * Shows what pairs this bot with the WhatsApp number, on the operator's terminal (never in the log:
 * whoever holds a QR code or pairing code can take over the number).
 */
export function pairingDisplay(out: NodeJS.WritableStream): {
  showQr(qr: string): void;
  showCode(code: string): void;
} {
  return {
    showQr(qr) {
      qrcode.generate(qr, { small: true }, (drawing) => {
        out.write(`\nWhatsApp: scan this QR code (Settings → Linked devices → Link a device):\n${drawing}\n`);
      });
    },
    showCode(code) {
      const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
      out.write(
        `\nWhatsApp pairing code: ${shown}\n(Linked devices → Link a device → Link with phone number instead)\n`,
      );
    },
  };
}
