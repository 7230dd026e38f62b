/** The shapes the server sends (apps/server/src/routes/console, batches, rooms), as far as the console reads them. */
import type { ItemResponse } from '@kaowu/domain/browser';

export type Role = 'author' | 'assessor' | 'administrator' | 'proctor';
export interface Me { username: string; displayName: string; roles: Role[]; csrfToken: string }
export interface BankRef { occupationCode: string; level: number }
export interface BankSummary extends BankRef { occupationName: string; label: string; items: number; approved: number }

export interface OutlinePoint { code: string; name: string; importance?: string }
export interface OutlineArea { code: string; name: string; weight?: number; areas?: OutlineArea[]; points?: OutlinePoint[] }
export interface Outline { areas: OutlineArea[]; occupation?: { name: string } }

export type ItemType = 'true_false' | 'single' | 'multiple';
export interface ItemContent {
  type: ItemType;
  point: string;
  difficulty: number;
  stem: string;
  explanation: string;
  options?: string[];
  key: boolean | number | number[];
  shuffle?: 'all' | 'none' | 'keep-last';
}
export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'retired' | 'superseded';
export interface ItemVersion {
  code: string; version: number; status: ItemStatus; content: ItemContent; contentHash: string;
  author: string; reviewer: string | null; reviewComment: string | null; createdAt: string; updatedAt: string;
}

export interface Certification {
  assessor: string; assessorName: string; snapshotHash: string; certifiedAt: string; comment: string;
  verdict: { kind: 'counts' | 'not_registered' | 'author' | 'stale'; changes?: Record<string, unknown> | null };
}
export interface CertificationState { certified: boolean; required: number; counting: number; certifications: Certification[] }
export interface BankStatus {
  bank: BankRef & { occupationName: string };
  snapshotHash: string;
  coverage: {
    approved: number; minItems: number; blockers: string[];
    areas: { code: string; name: string; weight: number; count: number; share: number }[];
    points: { code: string; name: string; importance: string; count: number }[];
    byType: Record<ItemType, number>; byDifficulty: Record<string, number>;
  };
  certification: CertificationState;
  ready: boolean;
}

export interface BatchSummary { id: string; planNumber: string; name: string; occupationCode: string; level: number }
export interface BatchView extends BatchSummary {
  windows: { id: string; startsAt: string; endsAt: string }[];
  rooms: { id: string; code: string; name: string; seats: number; status: string; paused: boolean; candidates: number; proctors: string[] }[];
  papers: { form: string; paperId: string; hash: string }[];
  warnings: string[];
}

export interface SeatView {
  seat: number; candidateId: string; ticket: string; name: string;
  status: 'not_logged_in' | 'in_progress' | 'paused' | 'submitted' | 'absent';
  answered: number; total: number; lastHeartbeat: string | null; events: number; remainingSeconds: number | null; deadline: string | null; transferId: string | null;
}
export interface RoomView { roomId: string; code: string; name: string; status: string; paused: boolean; serverTime: string; seats: SeatView[] }

export type { ItemResponse };
