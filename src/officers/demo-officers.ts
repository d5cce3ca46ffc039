import type { Officer } from './officer.js';

/**
 * Officers of the console demo (memory mode only), so a report can be followed to an alert without
 * registering anyone: a village (Ternyang, Kabupaten Malang), its regency, and an admin. They are
 * marked DEMO and never exist in Redis.
 */
export const DEMO_OFFICERS: readonly Officer[] = [
  {
    id: 'demo-desa',
    role: 'village',
    area: '35.07.12.2001',
    address: 'console:petugas-desa',
    name: 'DEMO Petugas Desa Ternyang',
    locale: 'id',
    active: true,
    joinedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'demo-kab',
    role: 'district',
    area: '35.07',
    address: 'console:petugas-kabupaten',
    name: 'DEMO Petugas Kabupaten Malang',
    locale: 'id',
    active: true,
    joinedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'demo-admin',
    role: 'admin',
    area: '',
    address: 'console:admin',
    name: 'DEMO Admin',
    locale: 'id',
    active: true,
    joinedAt: '2026-01-01T00:00:00.000Z',
  },
];
