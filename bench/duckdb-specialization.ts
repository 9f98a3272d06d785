/**
 * The baseline of the CLI end-to-end benchmark: a DuckDB SQL script in one process that does the work of
 * `clusterlens compute specialization --input FILE --format csv --rows regions` — read the long CSV, compute
 * per region Krugman (with the zero cells: Σ_nonzero |s_ri − s_i| + (1 − Σ_nonzero s_i)), Hoover, Herfindahl,
 * entropy (bits), Hachman and diversity (LQ ≥ 1), and write them as CSV.
 *
 *   node dist/bench/duckdb-specialization.js IN.csv OUT.csv
 */
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const SPECIALIZATION_SQL = `
create table c as select * from read_csv($1, header = true, columns = {'region': 'VARCHAR', 'industry': 'VARCHAR', 'value': 'DOUBLE'});
copy (
  with rt as (select region, sum(value) as r_tot from c group by region),
       it as (select industry, sum(value) as i_tot from c group by industry),
       tot as (select sum(value) as n from c),
       s as (select c.region, c.value / rt.r_tot as s_ri, it.i_tot / tot.n as s_i
             from c join rt using (region) join it using (industry), tot where c.value > 0),
       agg as (select region,
                      sum(abs(s_ri - s_i)) + (1 - sum(s_i)) as krugman,
                      sum(s_ri * s_ri) as herfindahl,
                      -sum(s_ri * log2(s_ri)) as entropy,
                      1 / sum(s_ri * s_ri / s_i) as hachman,
                      sum(case when s_ri / s_i >= 1 then 1 else 0 end) as diversity
               from s group by region)
  select region, krugman, krugman / 2 as hoover, herfindahl, entropy, hachman, diversity from agg order by region
) to '__OUT__' (header, delimiter ',');
`;

async function main(input: string, output: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const [create, copy] = SPECIALIZATION_SQL.split(';').map((s) => s.trim()).filter((s) => s !== '');
  await connection.run(create!, [input]);
  await connection.run(copy!.replace('__OUT__', output.replace(/'/g, "''")));
  connection.closeSync();
  instance.closeSync();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    process.stderr.write('usage: node dist/bench/duckdb-specialization.js IN.csv OUT.csv\n');
    process.exit(2);
  }
  await main(input, output);
}
