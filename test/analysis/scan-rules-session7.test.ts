import { describe, expect, it } from 'vitest';
import { offerVerdict } from '../../src/core/flows/offer-verdict.js';
import { TODAY, realContent } from '../helpers/engine.js';

/**
 * Offer-checker rules of session 7, each tried on wordings of our own (never the corpus sentences), with lawful
 * near-misses: a body that may not place workers saying it places them (facts L-21), and a work permit the
 * employer arranges before departure (lawful) or after arrival (a sign).
 */
function check(text: string): { signs: string[]; level: string } {
  const scan = realContent().scanner.scan(text);
  const v = offerVerdict(realContent().catalog, scan, TODAY);
  return { signs: v.signs.map((s) => s.id), level: scan.notice ? 'notice' : v.level };
}

describe('a body that may not place workers says it places them (facts L-21, UU 18/2017 Pasal 49)', () => {
  it('cites L-21 and names the three who may place', () => {
    const sign = realContent().catalog.sign('not-placement-body');
    expect(sign?.facts).toContain('L-21');
    expect(sign?.why.id).toContain('Pasal 49');
    expect(sign?.why.id).toContain('BP2MI/KP2MI');
    expect(sign?.why.id).toContain('P3MI');
    expect(sign?.why.id).toContain('pekerjanya sendiri');
  });

  it.each([
    'Yayasan Nurul Amal memberangkatkan lulusan pesantren untuk kerja di pabrik roti di Johor. Daftar di sekretariat yayasan.',
    'Koperasi Tunas Desa akan mengirim anggotanya kerja ke peternakan ayam di Taiwan. Syarat: simpanan wajib.',
    'Our foundation sends workers to restaurants in Dubai every month. Register at the foundation office.',
    'Biro perjalanan kami memberangkatkan pekerja restoran ke Turki tiap bulan, kuota 20 orang.',
    'Mau kerja pabrik di Malaysia? Daftar lewat yayasan kami saja, prosesnya mudah.',
    'Yayasan kula mangkatake bocah-bocah nyambut gawe neng pabrik Malaysia, ragad entheng.',
    'Koperasi urang ngirimkeun anggota damel ka kebon di Malaysia, daptar di pengurus.',
  ])('is high with not-placement-body: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('not-placement-body');
    expect(r.level).toBe('high');
  });

  it.each([
    'LPK Bintang Karya menyalurkan lulusan kursus ke pabrik elektronik di Taiwan setiap tiga bulan.',
    'Our training centre sends workers to hotels in Qatar after the course.',
  ])('shows it for a training body, to check: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('not-placement-body');
    expect(['verify', 'high']).toContain(r.level);
  });

  it.each([
    'LPK Sakura Karya (izin Disnaker, lembaga pengirim pemagangan terdaftar di Kemnaker) memberangkatkan peserta magang ke Jepang dengan kontrak magang 3 tahun.',
    'Kami hanya lembaga kursus bahasa Korea, tidak menyalurkan tenaga kerja dan tidak menjanjikan keberangkatan.',
    'Koperasi Purna Migran Sejahtera menyalurkan pinjaman modal usaha untuk anggota di desa.',
    'Travel kami memberangkatkan jamaah umroh setiap bulan dengan pembimbing ibadah.',
    'Pelatihan bahasa di LPK mitra; penempatan oleh PT Contoh Sinar Abadi (P3MI, SIP3MI bisa dicek di SISKOP2MI).',
    'Yayasan Peduli Migran mendampingi korban penempatan ilegal dan membantu melapor ke BP3MI.',
    'Yayasan Pendidikan Harapan membuka lowongan guru di Bogor. Silakan mengirim CV ke yayasan kami.',
  ])('is not that sign: %s', (text) => {
    expect(check(text).signs).not.toContain('not-placement-body');
  });
});

describe('a work permit the employer arranges: before departure is lawful, after arrival is a sign', () => {
  it.each([
    'Lowongan operator kilang di Penang. Permit diurus majikan sebelum berangkat, gaji RM 1.800, lewat PT Contoh Sinar Abadi (P3MI).',
    'Work permit arranged by the employer before departure; electronics factory in Selangor.',
    'Kerja pabrik ing Johor, permit diurus majikan sakdurunge budhal.',
    'Damel di pabrik Johor, permit diurus majikan sateuacan angkat.',
    'Visa kerjanya diurus perusahaan sebelum berangkat, pabrik sarung tangan di Kedah.',
  ])('does not say the visa is not a work visa: %s', (text) => {
    const r = check(text);
    expect(r.signs).not.toContain('wrong-visa');
    expect(r.level).not.toBe('high');
  });

  it.each([
    'Kerja kilang di Johor, permit diurus majikan setelah sampai.',
    'Permit diurus majikan nanti di sana, yang penting berangkat dulu.',
    'Work permit arranged by the employer once you arrive in Kuala Lumpur.',
    'Kerja kebon neng Sabah, permit diurus majikan mengko neng kana.',
  ])('is high with wrong-visa when it comes after arrival: %s', (text) => {
    const r = check(text);
    expect(r.signs).toContain('wrong-visa');
    expect(r.level).toBe('high');
  });

  it('said with no time, is a sign to check', () => {
    const r = check('Kerja kebun sawit di Sarawak, gaji RM 1.500, permit diurus majikan.');
    expect(r.signs).toContain('wrong-visa');
    expect(r.level).not.toBe('procedural');
    expect(r.level).not.toBe('unconfirmed');
  });
});
