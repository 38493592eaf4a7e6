/* formulas.js: the named display formulas of the Mathematics section, in TeX.
   content/mathematics.html places each one with <!-- math:NAME -->; the build
   (tools/build-content.js) renders them with KaTeX and fails on a formula that
   is defined but not placed, or placed but not defined.

   Convention here: one data point as a column vector, z = W a + b, as in most
   textbooks. The code steps (content/code-steps.js) use the seed's batch form,
   one point per row, H = X W1 + b1: the same numbers, with W transposed. */
'use strict';

module.exports = {
  layer: String.raw`z^{(l)} = W^{(l)}\,a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = \sigma\bigl(z^{(l)}\bigr)`,

  sigmoid: String.raw`\sigma(z) = \frac{1}{1 + e^{-z}}`,

  'sigmoid-derivative': String.raw`\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)`,

  'sigmoid-derivation': String.raw`\sigma'(z) = \frac{e^{-z}}{\left(1 + e^{-z}\right)^{2}}
    = \underbrace{\frac{1}{1 + e^{-z}}}_{\sigma(z)} \cdot \underbrace{\frac{e^{-z}}{1 + e^{-z}}}_{1 - \sigma(z)}`,

  softmax: String.raw`\hat{y}_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}
    = \frac{e^{z_k - m}}{\sum_{j=1}^{K} e^{z_j - m}}, \qquad m = \max_j z_j`,

  'cross-entropy': String.raw`L = -\frac{1}{n} \sum_{i=1}^{n} \sum_{k=1}^{K} y_{ik} \log \hat{y}_{ik}`,

  'initial-loss': String.raw`\hat{y}_{ik} \approx \frac{1}{K}
    \quad\Longrightarrow\quad L \approx -\log\frac{1}{K} = \ln K = \ln 4 \approx 1.386`,

  delta: String.raw`\delta^{(l)}_j = \frac{\partial L}{\partial z^{(l)}_j}`,

  'output-error': String.raw`\delta^{(L)} = \frac{\hat{Y} - Y}{n}`,

  'weight-gradient': String.raw`\frac{\partial L}{\partial W^{(l)}} = \delta^{(l)} \bigl(a^{(l-1)}\bigr)^{\top},
    \qquad \frac{\partial L}{\partial b^{(l)}} = \sum_{\text{batch}} \delta^{(l)}`,

  'backward-error': String.raw`\delta^{(l)} = \Bigl(\bigl(W^{(l+1)}\bigr)^{\top} \delta^{(l+1)}\Bigr) \odot \sigma'\bigl(z^{(l)}\bigr)`,

  update: String.raw`W^{(l)} \leftarrow W^{(l)} - \eta\,\frac{\partial L}{\partial W^{(l)}},
    \qquad b^{(l)} \leftarrow b^{(l)} - \eta\,\frac{\partial L}{\partial b^{(l)}}`,

  'universal-approximation': String.raw`\Bigl|\, f(x) - \sum_{i=1}^{N} v_i\,\sigma\bigl(w_i^{\top} x + b_i\bigr) \Bigr| < \varepsilon
    \qquad \text{for all } x \in D`,

  relu: String.raw`\operatorname{ReLU}(z) = \max(0, z), \qquad
    \operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}`,

  'vanishing-factor': String.raw`\sigma'(z) \le \tfrac{1}{4}
    \quad\Longrightarrow\quad \Bigl(\tfrac{1}{4}\Bigr)^{6} = \frac{1}{4096} \approx 2.4 \times 10^{-4}`,
};
