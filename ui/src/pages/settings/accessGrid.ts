import type { Grant, Permission, RolePreset, SessionInfo } from "../../api";

/** A column of the grid: every store (`"all"`) or one store by id. */
export type Column = number | "all";

/** Where a grant applies, as a grid column. */
export function columnOf(grant: Grant): Column {
  return grant.scope.scope === "all_stores" ? "all" : grant.scope.store_id;
}

function key(permission: Permission, column: Column): string {
  return `${permission}@${column}`;
}

/** The grants as a set of cells; grants on stores the grid does not show are kept as they are. */
export type Cells = ReadonlySet<string>;

export function cellsOf(grants: readonly Grant[]): Cells {
  return new Set(grants.map((g) => key(g.permission, columnOf(g))));
}

export function has(cells: Cells, permission: Permission, column: Column): boolean {
  return cells.has(key(permission, column));
}

/** Whether a store's cell is ticked by the same permission on every store. */
export function coveredByAll(cells: Cells, permission: Permission, column: Column): boolean {
  return column !== "all" && cells.has(key(permission, "all"));
}

export function toggled(cells: Cells, permission: Permission, column: Column, on: boolean): Cells {
  const next = new Set(cells);
  if (on) next.add(key(permission, column));
  else next.delete(key(permission, column));
  return next;
}

/** The column filled with a preset's permissions (and nothing else); `null` empties it. */
export function withPreset(cells: Cells, column: Column, preset: RolePreset | null, all: readonly Permission[]): Cells {
  const next = new Set(cells);
  for (const permission of all) next.delete(key(permission, column));
  for (const permission of preset?.permissions ?? []) next.add(key(permission, column));
  return next;
}

/** The preset a column holds exactly, if any. */
export function presetOf(cells: Cells, column: Column, presets: readonly RolePreset[], all: readonly Permission[]): RolePreset | undefined {
  const held = all.filter((p) => has(cells, p, column));
  if (held.length === 0) return undefined;
  return presets.find((preset) => preset.permissions.length === held.length && held.every((p) => preset.permissions.includes(p)));
}

export function grantsOf(cells: Cells): Grant[] {
  return [...cells].map((cell) => {
    const [permission, column] = cell.split("@") as [Permission, string];
    return {
      permission,
      scope: column === "all" ? { scope: "all_stores" } : { scope: "store", store_id: Number(column) },
    } as Grant;
  });
}

/**
 * Whether the signed-in user may change a cell: they hold the permission and manage users
 * there (on every store for the "every store" column). Only for greying out; the backend
 * checks every change again.
 */
export function mayChange(session: SessionInfo | undefined, permission: Permission, column: Column): boolean {
  const holds = (p: Permission) => {
    const scope = session?.permissions.find((s) => s.permission === p);
    if (!scope) return false;
    if (scope.all_stores) return true;
    return column !== "all" && scope.store_ids.includes(column);
  };
  return holds(permission) && holds("manage_users");
}
