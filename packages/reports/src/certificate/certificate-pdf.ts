import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type * as fontkit from 'fontkit';
import { mergedFont } from './cjk-font.ts';

/** What a certificate PDF shows: the fields of the national reference layout (职业技能等级证书参考样式). */
export interface CertificateFace {
  readonly name: string;
  /** 男 / 女 */
  readonly sex: string;
  /** 居民身份证 … */
  readonly idType: string;
  readonly idNumber: string;
  /** 职业（工种）, e.g. 电工 */
  readonly occupation: string;
  /** 五级/初级工 … */
  readonly level: string;
  readonly number: string;
  /** 评价机构 */
  readonly issuer: string;
  /** YYYY-MM-DD */
  readonly issuedOn: string;
  /** The holder's photo (JPEG or PNG bytes) where the roster has one; the frame stays empty otherwise. */
  readonly photo?: Uint8Array | undefined;
}

export interface CertificatePdfInput {
  readonly face: CertificateFace;
  /** The URL the QR code holds: the public verification page with the signed token. */
  readonly verifyUrl: string;
  /** The signed token, also written into the PDF's keywords so it can be verified without decoding the image. */
  readonly token: string;
}

/** The marker before the token in the PDF's Keywords entry; `kaowu certificate verify` reads it back. */
export const TOKEN_KEYWORD = 'kaowu-certificate-token:';

/** The QR mask pattern (0–7). */
const QR_MASK = 0;

const W = 842; // A4 landscape, points
const H = 595;

/** 2026-01-05 → 2026年1月5日 */
const chineseDay = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The fixed words of the page (title, labels, hints); the holder's fields come on top. */
const FIXED_TEXT = '职业技能等级证书：照片扫码查验年月日0123456789';

const faceFields = (face: CertificateFace): [string, string][] => [
  ['姓名', face.name],
  ['性别', face.sex],
  ['证件类型', face.idType],
  ['证件号码', face.idNumber],
  ['职业（工种）', face.occupation],
  ['等级', face.level],
  ['证书编号', face.number],
  ['评价机构', face.issuer],
  ['发证日期', chineseDay(face.issuedOn)],
];

/** The embedded font for a set of certificates: built once per batch, shared by every PDF of it. */
export interface CertificateFont {
  readonly font: fontkit.Font;
}

/**
 * One font for many certificates: the glyphs of the page's fixed words and of every holder's fields, merged from
 * the Noto Sans SC slices once. Each PDF still embeds only the glyphs it uses (pdfkit subsets per document).
 */
export function certificateFont(faces: Iterable<CertificateFace>): CertificateFont {
  const texts = [FIXED_TEXT];
  for (const face of faces) for (const [label, value] of faceFields(face)) texts.push(label, value);
  return { font: mergedFont(texts) };
}

/**
 * One certificate as a PDF (A4 landscape): the layout's fields, the photo frame, and the QR code drawn as vector
 * squares (sharp at any scale, nothing to decode). Text is real text in an embedded subset font, so `pdftotext`
 * and screen readers read it. Pass the batch's `certificateFont` when rendering many; without it the font is
 * built for this one certificate.
 */
export async function certificatePdf(
  input: CertificatePdfInput,
  font: CertificateFont = certificateFont([input.face]),
): Promise<Uint8Array> {
  const { face } = input;
  const doc = new PDFDocument({
    size: [W, H],
    margin: 0,
    // The certificate font is the document's only font (no Helvetica metrics to load per document).
    font: font.font as never,
    info: {
      Title: `职业技能等级证书 ${face.number}`,
      Subject: input.verifyUrl,
      Keywords: `${TOKEN_KEYWORD}${input.token}`,
      Creator: 'Kaowu 考务',
      CreationDate: new Date(`${face.issuedOn}T00:00:00+08:00`),
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const write = (text: string, x: number, y: number, size: number, color = '#000'): void => {
    doc.fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
  };
  const width = (text: string, size: number): number => doc.fontSize(size).widthOfString(text);

  // Border
  doc
    .lineWidth(3)
    .strokeColor('#8a1c1c')
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(1)
    .rect(32, 32, W - 64, H - 64)
    .stroke();
  const title = '职业技能等级证书';
  write(title, (W - width(title, 30)) / 2, 58, 30, '#8a1c1c');

  let y = 130;
  for (const [label, value] of faceFields(face)) {
    write(`${label}：`, 90, y, 15, '#444');
    write(value, 210, y, 15);
    y += 38;
  }

  // Photo frame (二寸, 35×49 mm ≈ 99×139 pt)
  const px = W - 90 - 99;
  const py = 130;
  doc.lineWidth(0.8).strokeColor('#888').rect(px, py, 99, 139).stroke();
  if (face.photo) doc.image(Buffer.from(face.photo), px, py, { fit: [99, 139], align: 'center', valign: 'center' });
  else write('照片', px + 35, py + 62, 14, '#aaa');

  // QR code: quiet zone of 4 modules, about 31 mm across.
  // One byte-mode segment (a URL needs no mixed-mode search) and a fixed mask pattern keep encoding cheap:
  // any of the eight masks is valid (the symbol's format bits name it), and scoring all eight for the "best"
  // one cost more than the rest of the page.
  const qr = QRCode.create([{ data: new TextEncoder().encode(input.verifyUrl), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: QR_MASK,
  });
  const n = qr.modules.size;
  const side = 120;
  const cell = side / (n + 8);
  const qx = W - 90 - side;
  const qy = H - 70 - side;
  // Each run of dark modules in a row is one rectangle: a third of the drawing operations of one per module.
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(qx + (start + 4) * cell, qy + (r + 4) * cell, (c - start) * cell, cell + 0.02);
    }
  }
  doc.fillColor('#000').fill();
  const hint = '扫码查验';
  write(hint, qx + (side - width(hint, 10)) / 2, qy + side + 2, 10, '#444');

  doc.end();
  await done;
  return Buffer.concat(chunks);
}
