/**
 * Web Worker of the county choropleth: recomputes the colour classes (county-map-colours.ts) off the main
 * thread. Message in: { id, lq: Float64Array, strong: Uint8Array, cut, strongOnly } (the arrays are
 * transferred); message out: { id, result } with result.rgba and result.shown transferred back.
 */
import { computeCountyColours, type CountyColourInput } from './county-map-colours.js';

/** A request to the worker. */
export interface CountyColourRequest extends CountyColourInput {
  readonly id: number;
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<CountyColourRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  const { id, ...input } = event.data;
  const result = computeCountyColours(input);
  scope.postMessage({ id, result }, [result.rgba.buffer, result.shown.buffer]);
};
