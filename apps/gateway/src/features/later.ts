// A part a feature makes after the log is replayed (or once the gateway starts): set once, read after.
// Reading it before is a composition bug, said plainly instead of a null check at every use.
export interface Later<T> {
  set(value: T): void;
  get(): T;
  /** The value, or null before it is set (close() paths). */
  peek(): T | null;
  clear(): void;
}

export function later<T>(what: string): Later<T> {
  let value: T | null = null;
  return {
    set: (v) => {
      value = v;
    },
    get: () => {
      if (value === null) throw new Error(`${what} is used before it exists`);
      return value;
    },
    peek: () => value,
    clear: () => {
      value = null;
    },
  };
}
