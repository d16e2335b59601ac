/** A synthetic extract a steward would anonymize: an invented CURP, age, an INEGI municipality, sex and income. */
export function syntheticExtract(rows: number): string {
  const lines = ['folio,curp,edad,municipio,sexo,ingreso'];
  const municipalities = ['09015', '09016', '14039', '14120', '19039', '19046'];
  for (let i = 0; i < rows; i += 1) {
    const year = String(50 + (i % 50)).padStart(2, '0');
    const curp = `GARC${year}0${1 + (i % 9)}1${i % 10}${i % 2 ? 'H' : 'M'}DFRRN0${i % 10}`;
    lines.push([`F${String(i + 1).padStart(5, '0')}`, curp, String(18 + (i * 7) % 60), municipalities[i % municipalities.length], i % 2 ? 'H' : 'M', String(5000 + ((i * 137) % 40000))].join(','));
  }
  return lines.join('\n') + '\n';
}
