/** The button at the right of a panel's header that closes it and goes back to where the panel was opened from. */
export function CloseButton(props: { label: string; onClose: () => void }) {
  return (
    <button type="button" class="right" onClick={() => props.onClose()}>
      {props.label}
    </button>
  );
}
