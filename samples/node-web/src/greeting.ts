/** The text the server answers on `/`. */
export function greeting(): string {
  return "Hello from a multi-stage Node image!";
}
