export interface Fault {
  name: string;
  breaks: string;
}
export const faults: Fault[];
export function faultByName(name: string): Fault | undefined;
