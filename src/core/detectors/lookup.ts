/** Detector lookup by id, over the registry (built once, on first use). */
import type { Detector } from "../types.js";
import { DETECTORS } from "./index.js";

let byId: ReadonlyMap<string, Detector> | undefined;

/** The detector with this id, or undefined when no detector has it. */
export function getDetector(id: string): Detector | undefined {
  byId ??= new Map(DETECTORS.map((d) => [d.id, d]));
  return byId.get(id);
}
