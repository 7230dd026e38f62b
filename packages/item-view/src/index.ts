export { choose, isChosen, ItemView, type ItemViewProps } from './ItemView.tsx';
export { RichText, type AssetUrl } from './RichText.tsx';
