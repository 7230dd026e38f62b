import { createResource, Show } from 'solid-js';
import { client, ok } from '../../api.ts';
import { supervisionVersion } from './halt.ts';

/** On every tab of a batch: a veto in the internal supervision report halts the batch (暂停本次认定). */
export function HaltBanner(props: { batchId: string }) {
  const [view] = createResource(
    () => [props.batchId, supervisionVersion()] as const,
    ([id]) => ok(client.batches[':batchId'].supervision.$get({ param: { batchId: id } })).catch(() => undefined),
  );
  return (
    <Show when={view.latest?.halted}>
      <p class="notice error sv-halt" role="alert" aria-label="认定已暂停">
        本批次已暂停认定：内部督导报告勾选了否决项，本次内督得分为
        0。在否决项撤销前，不能公示认定结果、确认结果生效或核发证书。
      </p>
    </Show>
  );
}
