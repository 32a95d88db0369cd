export declare const CLIENT_SIZE_BUDGET: number;
interface Size {
  min: number;
  gzip: number;
}
export declare function measureClientSize(): Promise<{ baseline: Size; client: Size; added: Size }>;
