// Placeholder entry until the live panel lands; replace this whole file.
export {};
