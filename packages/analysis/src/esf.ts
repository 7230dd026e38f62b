/**
 * Elementary symmetric functions γ_r(ε) of the Rasch conditional likelihood, and γ with one item removed.
 * γ_r = γ⁽ⁱ⁾_r + ε_i γ⁽ⁱ⁾_{r−1}, so γ⁽ⁱ⁾ can be peeled off forward (γ⁽ⁱ⁾_r = γ_r − ε_i γ⁽ⁱ⁾_{r−1}) or
 * backward (γ⁽ⁱ⁾_{r−1} = (γ_r − γ⁽ⁱ⁾_r) / ε_i). Each step is a subtraction that loses digits when the
 * subtracted term is most of γ_r. The two terms are the probabilities 1 − π and π of item i being wrong or
 * right given raw score r, and π grows with r: forward is safe while π ≤ ½, backward from there to the
 * top. Each entry is computed by the direction that never cancels more than half, so 200 items stay exact
 * to ~1e-12 where the one-directional recursion loses everything at the far end.
 */
/** γ_0..γ_m of the given ε (out has length m + 1). */
export function esf(eps: Float64Array, out: Float64Array): Float64Array {
  const m = eps.length;
  out.fill(0);
  out[0] = 1;
  for (let j = 0; j < m; j++) {
    const e = eps[j]!;
    for (let r = j + 1; r >= 1; r--) out[r]! += e * out[r - 1]!;
  }
  return out;
}

/** γ without the item of weight e: from g (length L + 1) into out (length L). */
export function esfWithout(g: Float64Array, L: number, e: number, out: Float64Array): Float64Array {
  out[0] = 1;
  let r = 1;
  for (; r < L && e * out[r - 1]! <= 0.5 * g[r]!; r++) out[r] = g[r]! - e * out[r - 1]!;
  out[L - 1] = g[L]! / e;
  for (let q = L - 1; q >= r; q--) out[q - 1] = (g[q]! - out[q]!) / e;
  return out;
}
