// Placeholder entry until the engine lands; replace this whole file.
export {};
