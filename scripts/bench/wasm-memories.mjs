// Counts the wasm linear memories that are created with `new WebAssembly.Memory`
// in this process. Our core's module defines its own memory (reported by
// analyzer.memoryStats()); ONNX Runtime Web's build imports one made this way,
// so this is how the bench sees ORT's heap. Imported first by run.mjs, before
// any contestant loads. Measurement only: the product never patches globals.
const memories = [];
const NativeMemory = WebAssembly.Memory;

function CountedMemory(descriptor) {
  const memory = new NativeMemory(descriptor);
  memories.push(memory);
  return memory;
}
CountedMemory.prototype = NativeMemory.prototype;
WebAssembly.Memory = CountedMemory;

// Bytes currently reserved by every memory created so far (they only grow).
export function constructedWasmMemoryBytes() {
  return memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
}
