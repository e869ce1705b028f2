// Thin wrapper over Tauri's invoke (the app sets withGlobalTauri).

// Call the backend command `command` with `args`. A rejection carries the
// backend's error object ({kind, ...details}) unchanged. Outside the Tauri
// window, where no bridge exists, it rejects with {kind: "ipc_unavailable"}.
export async function call(command, args = {}) {
  const invoke = globalThis.__TAURI__?.core?.invoke;
  if (typeof invoke !== "function") {
    throw { kind: "ipc_unavailable", command };
  }
  return invoke(command, args);
}
