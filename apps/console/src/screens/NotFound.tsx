import { A } from '@solidjs/router';

/** An address the console does not have (a mistyped or outdated link). */
export function NotFound() {
  return (
    <section aria-label="页面不存在">
      <h2>页面不存在</h2>
      <p>这个地址没有对应的页面，可能链接已过期或输入有误。</p>
      <p>
        <A href="/">返回首页</A>
      </p>
    </section>
  );
}
