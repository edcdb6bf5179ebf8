/** A package that satisfies the satudata profile, for tests that remove one thing at a time. */
import type { DataPackage } from '../../../src/schema/types.js';

export function completePackage(): DataPackage {
  return {
    name: 'jumlah-kejadian-kebakaran-makassar',
    title: 'Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar',
    description: 'Jumlah kejadian kebakaran yang ditangani Dinas Pemadam Kebakaran per kecamatan dan bulan.',
    keywords: ['kebakaran', 'damkar'],
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    contributors: [
      { title: 'Dinas Pemadam Kebakaran dan Penyelamatan Kota Makassar', role: 'author' },
      { title: 'Andi Pengelola Data', email: 'data.damkar@makassarkota.go.id', role: 'maintainer' },
    ],
    sources: [{ title: 'Laporan kejadian Damkar' }],
    sdi: {
      organisasi: 'dinas-pemadam-kebakaran-penyelamatan',
      konsep: 'Kebakaran adalah nyala api yang tidak dikehendaki dan menimbulkan kerugian.',
      definisi: 'Setiap kejadian yang dilaporkan dan ditangani regu pemadam.',
      ukuran: 'jumlah',
      satuan: 'kejadian',
      frekuensi: 'bulanan',
      frekuensi_uri: 'http://purl.org/cld/freq/monthly',
      periode: '2024',
      cakupan: 'Kota Makassar',
      kode_wilayah: '73.71',
      tingkat_penyajian: 'kecamatan',
    },
    resources: [
      {
        name: 'kebakaran-2024',
        path: 'kebakaran-2024.csv',
        schema: {
          fields: [
            { name: 'kecamatan', type: 'string', title: 'Kecamatan', description: 'Nama kecamatan (ejaan Kemendagri).' },
            { name: 'jumlah', type: 'integer', title: 'Jumlah Kejadian', description: 'Banyaknya kejadian kebakaran.', unit: 'kejadian' },
          ],
        },
      },
    ],
  };
}
