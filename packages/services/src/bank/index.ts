/** Question banks: outlines, items, item workbooks, assets, folders, snapshots, status and the assessors' sign-off. */
export { ASSET_TYPES, getAsset, MAX_ASSET_BYTES, saveAsset, type AssetUpload } from './assets.ts';
export { certificationSample, listBanks, type BankSummary } from './banks.ts';
export { certificationState, certifyBank } from './certification.ts';
export { bankAssets, dumpBank, dumpBankFiles, loadBankFiles, type BankFiles, type LoadSummary } from './folder.ts';
export { exportItemWorkbook, importItemWorkbook, itemTemplate, type ImportSummary } from './item-import.ts';
export {
  changeStatus,
  itemHistory,
  listItems,
  saveItem,
  type ItemFilter,
  type ItemVersionView,
} from './items.ts';
export { getOutline, importOutline, type BankRef } from './outlines.ts';
export { currentSnapshot, type CurrentSnapshot } from './snapshots.ts';
export { bankStatus, type BankStatus } from './status.ts';
export {
  readBanks,
  readBankStatus,
  readCertification,
  readCertificationSample,
  readItemHistory,
  readItems,
  readItemTemplate,
  readOutline,
} from './reads.ts';
