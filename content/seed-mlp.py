def sigmoid(z): return 1 / (1 + np.exp(-z))
def softmax(z):
    exp_z = np.exp(z - z.max(axis=1, keepdims=True))
    return exp_z / exp_z.sum(axis=1, keepdims=True)
def mlp_train(X, y, hidden=4, lr=0.1, epochs=200):
    n, d = X.shape
    K = 4
    W1 = np.random.randn(d, hidden) * 0.3
    b1 = np.zeros(hidden)
    W2 = np.random.randn(hidden, K) * 0.3
    b2 = np.zeros(K)
    Y = np.eye(K)[y]
    losses = []
    for epoch in range(epochs):
        h = sigmoid(X @ W1 + b1)
        logits = h @ W2 + b2
        y_hat = softmax(logits)
        loss = -np.mean(np.sum(Y * np.log(y_hat + 1e-8), axis=1))
        losses.append(loss)
        d_out = (y_hat - Y) / n
        dW2 = h.T @ d_out
        db2 = d_out.sum(axis=0)
        d_hid = (d_out @ W2.T) * h * (1 - h)
        dW1 = X.T @ d_hid
        db1 = d_hid.sum(axis=0)
        W1 -= lr * dW1; b1 -= lr * db1
        W2 -= lr * dW2; b2 -= lr * db2
    return W1, b1, W2, b2
