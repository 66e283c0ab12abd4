/** Tags of meshes: TagResources, UntagResources, ListTagResources (resource type `servicemesh`). */
import { ApiError, invalidParameter, meshNotFound } from "../errors";
import type { Handler, HandlerContext } from "../context";
import { objectList, optionalBool, required, tags } from "../params";
import type { MeshRecord } from "../records";
import { requireActivated } from "./rules";

/** ASM's documented limit per instance. */
const MAX_TAGS = 20;

/**
 * Rows per ListTagResources page. The official model pages by `NextToken` without saying how many
 * rows a page holds; the emulator pages small, so one mesh's tags (up to 20) already span pages and
 * every client meets a second one.
 */
export const TAG_PAGE_ROWS = 10;

function stringList(ctx: HandlerContext, name: string): string[] {
  return Object.entries(ctx.params)
    .filter(([k]) => new RegExp(`^${name}\\.[1-9][0-9]*$`).test(k))
    .sort(([a], [b]) => Number(a.split(".")[1]) - Number(b.split(".")[1]))
    .map(([, v]) => v);
}

/** The meshes named by `ResourceId.N`, after checking the region and the resource type. */
function taggedMeshes(ctx: HandlerContext, requireIds: boolean): MeshRecord[] {
  required(ctx.params, "RegionId");
  const type = required(ctx.params, "ResourceType");
  if (type !== "servicemesh") throw invalidParameter("ResourceType", `expected servicemesh, got "${type}"`);
  const ids = stringList(ctx, "ResourceId");
  if (requireIds && ids.length === 0) throw invalidParameter("ResourceId", "at least one ResourceId.N is required");
  return ids.map((id) => {
    const mesh = ctx.inv.meshes.get(id);
    if (!mesh) throw meshNotFound(id);
    return mesh;
  });
}

export const tagResources: Handler = (ctx) => {
  requireActivated(ctx);
  const meshes = taggedMeshes(ctx, true);
  const wanted = tags(ctx.params);
  if (wanted.length === 0) throw invalidParameter("Tag", "at least one Tag.N.Key is required");
  for (const mesh of meshes) {
    const merged = new Map(mesh.tags.map((t) => [t.Key, t.Value]));
    for (const t of wanted) merged.set(t.Key, t.Value);
    if (merged.size > MAX_TAGS) {
      throw new ApiError(400, "QuotaExceed.TagsPerResource", `A service mesh can have at most ${MAX_TAGS} tags.`);
    }
    mesh.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  }
  ctx.inv.save();
  return {};
};

export const untagResources: Handler = (ctx) => {
  requireActivated(ctx);
  const meshes = taggedMeshes(ctx, true);
  const keys = stringList(ctx, "TagKey");
  const all = optionalBool(ctx.params, "All") ?? false;
  for (const mesh of meshes) {
    mesh.tags = keys.length > 0 ? mesh.tags.filter((t) => !keys.includes(t.Key)) : all ? [] : mesh.tags;
  }
  ctx.inv.save();
  return {};
};

export const listTagResources: Handler = (ctx) => {
  requireActivated(ctx);
  const named = taggedMeshes(ctx, false);
  const filter = objectList(ctx.params, "Tag");
  const meshes = named.length > 0 ? named : [...ctx.inv.meshes.values()];
  const rows = meshes.flatMap((m) =>
    m.tags
      .filter((t) => filter.every((f) => f["Key"] !== t.Key || f["Value"] === undefined || f["Value"] === t.Value))
      .map((t) => ({ ResourceId: m.serviceMeshId, ResourceType: "servicemesh", TagKey: t.Key, TagValue: t.Value })),
  );
  const start = pageStart(ctx.params["NextToken"]);
  const end = start + TAG_PAGE_ROWS;
  return { TagResources: rows.slice(start, end), NextToken: end < rows.length ? pageToken(end) : "" };
};

/** An opaque token for the row a page starts at (clients only hand it back). */
function pageToken(row: number): string {
  return Buffer.from(`tags:${row}`).toString("base64url");
}

function pageStart(token: string | undefined): number {
  if (!token) return 0;
  const row = /^tags:(\d+)$/.exec(Buffer.from(token, "base64url").toString())?.[1];
  if (row === undefined) throw invalidParameter("NextToken", `"${token}" is not a token this API returned`);
  return Number(row);
}
