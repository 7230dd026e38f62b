/** Test helpers of @kaowu/reports for other packages' tests. */
export { pdfTexts } from './pdf-text.ts';
