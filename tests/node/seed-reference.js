/* seed-reference.js: the seed's numpy mlp_train, transcribed line by line into
   plain JavaScript (float64 throughout), for a 2-layer network:
       h = sigmoid(X @ W1 + b1); logits = h @ W2 + b2; y_hat = softmax(logits)
       loss = -mean(sum(Y * log(y_hat + 1e-8)))
       d_out = (y_hat - Y) / n; dW2 = h.T @ d_out; db2 = d_out.sum(0)
       d_hid = (d_out @ W2.T) * h * (1 - h); dW1 = X.T @ d_hid; db1 = d_hid.sum(0)
       W1 -= lr dW1; b1 -= lr db1; W2 -= lr dW2; b2 -= lr db2
   Matrices are row-major Float64Arrays: X (n x d), W1 (d x H), W2 (H x K). */
'use strict';

function matmul(A, B, n, k, m) { // (n x k) @ (k x m)
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += A[i * k + t] * B[t * m + j];
      C[i * m + j] = s;
    }
  return C;
}

function transpose(A, n, m) {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j];
  return T;
}

function seedTrain({ X, y, n, d, H, K, W1, b1, W2, b2, lr, epochs }) {
  W1 = W1.slice(); b1 = b1.slice(); W2 = W2.slice(); b2 = b2.slice();
  const Y = new Float64Array(n * K);
  for (let i = 0; i < n; i++) Y[i * K + y[i]] = 1;
  const losses = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const h = matmul(X, W1, n, d, H);
    for (let i = 0; i < n; i++) for (let j = 0; j < H; j++) {
      h[i * H + j] = 1 / (1 + Math.exp(-(h[i * H + j] + b1[j])));
    }
    const logits = matmul(h, W2, n, H, K);
    const yHat = new Float64Array(n * K);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let mx = -Infinity;
      for (let k = 0; k < K; k++) { logits[i * K + k] += b2[k]; mx = Math.max(mx, logits[i * K + k]); }
      let s = 0;
      for (let k = 0; k < K; k++) { yHat[i * K + k] = Math.exp(logits[i * K + k] - mx); s += yHat[i * K + k]; }
      for (let k = 0; k < K; k++) {
        yHat[i * K + k] /= s;
        loss -= Y[i * K + k] * Math.log(yHat[i * K + k] + 1e-8);
      }
    }
    losses.push(loss / n);
    const dOut = new Float64Array(n * K);
    for (let t = 0; t < n * K; t++) dOut[t] = (yHat[t] - Y[t]) / n;
    const dW2 = matmul(transpose(h, n, H), dOut, H, n, K);
    const db2 = new Float64Array(K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) db2[k] += dOut[i * K + k];
    const dHid = matmul(dOut, transpose(W2, H, K), n, K, H);
    for (let t = 0; t < n * H; t++) dHid[t] *= h[t] * (1 - h[t]);
    const dW1 = matmul(transpose(X, n, d), dHid, d, n, H);
    const db1 = new Float64Array(H);
    for (let i = 0; i < n; i++) for (let j = 0; j < H; j++) db1[j] += dHid[i * H + j];
    for (let t = 0; t < W1.length; t++) W1[t] -= lr * dW1[t];
    for (let t = 0; t < H; t++) b1[t] -= lr * db1[t];
    for (let t = 0; t < W2.length; t++) W2[t] -= lr * dW2[t];
    for (let t = 0; t < K; t++) b2[t] -= lr * db2[t];
  }
  return { W1, b1, W2, b2, losses };
}

module.exports = { seedTrain };
