/** Question banks: outlines, items, item workbooks, assets, folders, snapshots, status and the assessors' sign-off. */
export { ASSET_TYPES, getAsset, MAX_ASSET_BYTES, saveAsset, type AssetUpload } from './assets.ts';
export type { BankSummary } from './banks.ts';
export { certifyBank } from './certification.ts';
export { bankAssets, dumpBank, dumpBankFiles, loadBankFiles, type BankFiles, type LoadSummary } from './folder.ts';
export { exportItemWorkbook, importItemWorkbook, type ImportSummary } from './item-import.ts';
export { changeStatus, saveItem, type ItemFilter, type ItemVersionView } from './items.ts';
export { importOutline, type BankRef } from './outlines.ts';
export type { CurrentSnapshot } from './snapshots.ts';
export type { BankStatus } from './status.ts';
/** Every read of a bank, each authorised for the reader. */
export * from './reads.ts';
