import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { RoomBoard } from './RoomBoard.tsx';

/** /rooms/:roomId — the live board of one room, keyed so another room opens a fresh live connection. */
export function RoomRoute() {
  const params = useParams<{ roomId: string }>();
  return (
    <>
      <A class="back" href="/batches">
        ← 认定批次
      </A>
      <Show when={params.roomId} keyed>
        {(roomId) => <RoomBoard roomId={roomId} />}
      </Show>
    </>
  );
}
