/**
 * graphology as an independent reference implementation for the network golden tests (tests only; src/core never
 * imports it). graphology ships CommonJS whose typings declare `export default`; under NodeNext the default import
 * is typed as the module namespace while Node hands over module.exports itself — unwrap once here.
 */
import graphologyModule from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import modularityModule from 'graphology-metrics/graph/modularity.js';

type Unwrapped<T> = T extends { default: infer D } ? D : T;
const unwrap = <T>(m: T): Unwrapped<T> => ((m as { default?: unknown }).default ?? m) as Unwrapped<T>;

export const Graph = unwrap(graphologyModule);
export const betweennessReference = unwrap(betweennessModule);
export const eigenvectorReference = unwrap(eigenvectorModule);
export const pagerankReference = unwrap(pagerankModule);
export const modularityReference = unwrap(modularityModule);
