import type { Edition } from "./types";

/** Editions in upgrade order: an edition may only move to the right (seed: "upgrade", no downgrade). */
export const EDITIONS: readonly Edition[] = ["Standard", "Enterprise", "Ultimate"];

/** The most pods each edition supports (ASM billing page); only Standard's limit is pre-checked. */
export const STANDARD_POD_LIMIT = 50;

export function isEdition(value: unknown): value is Edition {
  return typeof value === "string" && (EDITIONS as readonly string[]).includes(value);
}

/** The API's `ClusterSpec` value for an edition. */
export function toClusterSpec(edition: Edition): string {
  return edition.toLowerCase();
}

/** The edition for an API `ClusterSpec` value, or undefined for a value we do not know. */
export function fromClusterSpec(clusterSpec: string | undefined): Edition | undefined {
  return EDITIONS.find((e) => e.toLowerCase() === (clusterSpec ?? "").toLowerCase());
}

export function isDowngrade(from: Edition, to: Edition): boolean {
  return EDITIONS.indexOf(to) < EDITIONS.indexOf(from);
}

/**
 * Chinese-mainland regions are `cn-*` except Hong Kong. The seed: Standard Edition "is available only
 * in the Chinese mainland. Creating a Standard Edition instance in other regions fails."
 */
export function isChineseMainland(region: string): boolean {
  return region.startsWith("cn-") && region !== "cn-hongkong";
}

/** The seed's default edition: Standard in the Chinese mainland, Enterprise elsewhere. */
export function defaultEdition(region: string): Edition {
  return isChineseMainland(region) ? "Standard" : "Enterprise";
}

export function defaultMeshName(clusterId: string): string {
  return `mesh-for-${clusterId}`;
}
