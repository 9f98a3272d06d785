import { expect, test } from 'vitest';
import { csvText, fileNameFor } from './chart-export.js';

test('csvText(table) quotes commas, quotes and line breaks and leaves missing values empty', () => {
  const text = csvText({
    header: ['region', 'name', 'lq', 'note'],
    rows: [
      ['US-53', 'Washington', 4.997, null],
      ['X', 'Say "hi", then\nleave', Number.NaN, undefined],
      ['JP-01', '北海道', 0.5, true],
    ],
  });
  expect(text).toBe('region,name,lq,note\r\nUS-53,Washington,4.997,\r\nX,"Say ""hi"", then\nleave",,\r\nJP-01,北海道,0.5,true\r\n');
});

test('fileNameFor(title, ext) makes a safe file name and keeps Japanese letters', () => {
  expect(fileNameFor('Washington: cluster portfolio, 2007–2011', 'png')).toBe('washington-cluster-portfolio-2007-2011.png');
  expect(fileNameFor('北海道の産業', 'csv')).toBe('北海道の産業.csv');
  expect(fileNameFor('***', 'svg')).toBe('clusterlens.svg');
});
