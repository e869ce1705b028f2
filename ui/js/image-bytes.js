// Image bytes from the backend: the raw IPC response as bytes, and the
// type to give their Blob. DOM-free, so node can test it.

// Return the response of a command that sends raw bytes as a Uint8Array.
// Tauri hands tauri::ipc::Response to JavaScript as an ArrayBuffer. A typed
// array or a plain array of numbers is accepted too, and anything else
// counts as no bytes.
export function toBytes(response) {
  if (response instanceof ArrayBuffer) {
    return new Uint8Array(response);
  }
  if (ArrayBuffer.isView(response)) {
    return new Uint8Array(response.buffer, response.byteOffset, response.byteLength);
  }
  if (Array.isArray(response)) {
    return Uint8Array.from(response);
  }
  return new Uint8Array(0);
}

const SIGNATURES = Object.freeze([
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
]);

// Return the MIME type of the JPEG or PNG that the backend encoded, from
// its first bytes, or "" when it is neither; WebKit then sniffs the type.
export function imageMimeType(bytes) {
  for (const { type, bytes: signature } of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)) {
      return type;
    }
  }
  return "";
}
