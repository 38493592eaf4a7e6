/* code-steps.js: the seed's eight steps of one training iteration, each with
   its formula (TeX, the seed's batch form: one point per row), the C snippets
   that compute it (names of "@code-begin NAME" markers in src/*.c) and the
   seed's numpy lines for it (each must appear verbatim, trimmed, in
   content/seed-mlp.py). `phases` are the phase names (PHASES in
   web/js/core/phase-snapshot.js) that the step covers: this is the one map
   from a phase to its step of The Code, which the page uses to highlight
   the step of the current phase. `note` is HTML with inline TeX in
   backslash-parentheses. A snippet may be { name, when }: shown only while
   the panel's network matches `when` ({ optimizer: [...] },
   { regularization: [...] }, { features: true }: input features in use),
   so The Code shows the update rule, penalty and feature map in use.

   The build (tools/build-content.js) checks every name and line, renders the
   TeX with KaTeX, and copies the code out of src/ with its line numbers. */
'use strict';

module.exports = [
  {
    id: 'init',
    phases: ['init'],
    title: 'Initialize hidden layer weights randomly',
    tex: String.raw`\begin{gathered}
      W^{(l)}_{ij} \sim \mathcal{N}\bigl(0,\, s^{2}\bigr), \qquad b^{(l)} = \mathbf{0} \\[4pt]
      s = \begin{cases} 0.3 & \text{seed} \\ \sqrt{2/(n_{\text{in}} + n_{\text{out}})} & \text{Glorot} \\ \sqrt{2/n_{\text{in}}} & \text{He} \end{cases}
    \end{gathered}`,
    snippets: ['init-weights'],
    numpy: [
      'W1 = np.random.randn(d, hidden) * 0.3',
      'b1 = np.zeros(hidden)',
      'W2 = np.random.randn(hidden, K) * 0.3',
      'b2 = np.zeros(K)',
    ],
    note: String.raw`Every layer is initialised the same way. The seed's scale 0.3 is the
      default; the demos switch to Glorot (sigmoid) or He (ReLU), which scale with
      the layer's fan-in \(n_{\text{in}}\) and fan-out \(n_{\text{out}}\). Biases start
      at zero: the random weights alone make the hidden units differ, so that they
      can learn different things.`,
  },
  {
    id: 'hidden-forward',
    phases: ['forward'],
    title: 'Forward pass through hidden layer with sigmoid',
    tex: String.raw`H = \sigma\bigl(X W_1 + b_1\bigr), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}`,
    snippets: ['hidden-forward', 'dense-forward', 'sigmoid',
      { name: 'features', when: { features: true } }],
    numpy: [
      'def sigmoid(z): return 1 / (1 + np.exp(-z))',
      'h = sigmoid(X @ W1 + b1)',
    ],
    note: String.raw`The C keeps a batch as (units &times; points), points innermost, so
      <code>dense_forward</code> computes \(z_{jp} = b_j + \sum_i x_{ip} W_{ij}\) for
      unit \(j\) and point \(p\): the seed's <code>X @ W1 + b1</code>, transposed.
      The sigmoid then overwrites each sum with its activation, in place.`,
  },
  {
    id: 'output-scores',
    phases: ['logits'],
    title: 'Compute raw output scores for each class',
    tex: String.raw`Z = H W_2 + b_2`,
    snippets: ['output-scores'],
    numpy: [
      'logits = h @ W2 + b2',
    ],
    note: String.raw`The output layer uses the same <code>dense_forward</code>, with no
      activation: one raw score (logit) per class and point, any real number.`,
  },
  {
    id: 'softmax',
    phases: ['softmax', 'output'],
    title: 'Convert logits to class probabilities via softmax',
    tex: String.raw`\hat{Y}_{ik} = \frac{e^{Z_{ik} - m_i}}{\sum_{j=1}^{K} e^{Z_{ij} - m_i}}, \qquad m_i = \max_j Z_{ij}`,
    snippets: ['softmax'],
    numpy: [
      'def softmax(z):',
      'exp_z = np.exp(z - z.max(axis=1, keepdims=True))',
      'return exp_z / exp_z.sum(axis=1, keepdims=True)',
      'y_hat = softmax(logits)',
    ],
    note: String.raw`Subtracting each point's largest score \(m_i\) leaves the
      probabilities unchanged and keeps every exponential at most 1. The C also
      keeps \(\log \sum_k e^{Z_{ik}}\) per point for the next step.`,
  },
  {
    id: 'cross-entropy',
    phases: ['loss'],
    title: 'Categorical cross-entropy loss over all classes',
    tex: String.raw`\begin{aligned}
      L &= -\frac{1}{n} \sum_{i=1}^{n} \sum_{k=1}^{K} Y_{ik} \log \hat{Y}_{ik} \\[4pt]
        &= \frac{1}{n} \sum_{i=1}^{n} \Bigl( \log \sum_{k=1}^{K} e^{Z_{ik}} - Z_{i y_i} \Bigr)
    \end{aligned}`,
    snippets: ['cross-entropy'],
    numpy: [
      'loss = -np.mean(np.sum(Y * np.log(y_hat + 1e-8), axis=1))',
    ],
    note: String.raw`With one-hot \(Y\) only the true class \(y_i\) counts. The C uses the
      right-hand form, which stays finite even when \(\hat{Y}_{i y_i}\) rounds to 0;
      the seed adds <code>1e-8</code> inside the logarithm for the same reason.`,
  },
  {
    id: 'output-error',
    phases: ['output-error'],
    title: 'Output layer error signal (averaged over batch)',
    tex: String.raw`\begin{aligned}
      \Delta_{\text{out}} &= \frac{\hat{Y} - Y}{n} \\[6pt]
      \frac{\partial L}{\partial W_2} &= H^{\top} \Delta_{\text{out}}, \qquad
      \frac{\partial L}{\partial b_2} = \mathbf{1}^{\top} \Delta_{\text{out}}
    \end{aligned}`,
    snippets: ['output-error', 'dense-backward-weights'],
    numpy: [
      'd_out = (y_hat - Y) / n',
      'dW2 = h.T @ d_out',
      'db2 = d_out.sum(axis=0)',
    ],
    note: String.raw`Softmax and cross-entropy share one backward: their derivatives cancel
      down to predicted minus true, divided by \(n\) because the loss is a mean.
      The weight gradient is a sum over points of input activity times error;
      the bias gradient (\(\mathbf{1}^{\top}\Delta\), a column sum) is the error alone.`,
  },
  {
    id: 'backprop-hidden',
    phases: ['backward'],
    title: 'Backpropagate error through hidden layer',
    tex: String.raw`\begin{aligned}
      \Delta_{\text{hid}} &= \bigl(\Delta_{\text{out}} W_2^{\top}\bigr) \odot H \odot (1 - H) \\[6pt]
      \frac{\partial L}{\partial W_1} &= X^{\top} \Delta_{\text{hid}}, \qquad
      \frac{\partial L}{\partial b_1} = \mathbf{1}^{\top} \Delta_{\text{hid}}
    \end{aligned}`,
    snippets: ['backprop-hidden', 'dense-backward-input', 'sigmoid-backward',
      { name: 'penalty', when: { regularization: ['l1', 'l2'] } }],
    numpy: [
      'd_hid = (d_out @ W2.T) * h * (1 - h)',
      'dW1 = X.T @ d_hid',
      'db1 = d_hid.sum(axis=0)',
    ],
    note: String.raw`Each hidden unit gathers the errors of the units it feeds, through the
      same weights, then multiplies by its slope \(\sigma' = h(1 - h)\), computed
      from the stored activation: no exponential. Its weight and bias gradients
      come from the same code as in step 6.`,
  },
  {
    id: 'update',
    phases: ['update'],
    title: 'Update all weights via gradient descent',
    tex: String.raw`W_l \leftarrow W_l - \eta\,\frac{\partial L}{\partial W_l}, \qquad
      b_l \leftarrow b_l - \eta\,\frac{\partial L}{\partial b_l}`,
    snippets: [{ name: 'update', when: { optimizer: ['sgd'] } },
      { name: 'update-rules', when: { optimizer: ['momentum', 'adam'] } }],
    numpy: [
      'W1 -= lr * dW1; b1 -= lr * db1',
      'W2 -= lr * dW2; b2 -= lr * db2',
    ],
    note: String.raw`All weights and biases live in one buffer and their gradients in a
      second with the same layout, so one loop updates every layer; \(\eta\) is
      <code>lr</code>. With momentum or Adam chosen in the panel, the code below is
      their rule instead: momentum keeps a velocity \(m \leftarrow \beta m + g\), Adam
      decaying means of \(g\) and \(g^2\), corrected for their start at zero.`,
  },
];
