#!/usr/bin/python3
"""The Keras GRU lesson in plain PyTorch: the reference `train --preset keras-gru` is compared with.

sin(linspace(0, 100, 1000)) min-max scaled on the whole series, create_dataset's N - W - 1 = 989 pairs of 10 points,
the first 80% (791) train, GRU(50) -> Dense(1) with Keras' initialisers (glorot_uniform kernels, orthogonal recurrent
kernel over the whole 3H block, zero biases, reset_after=True = PyTorch's two-bias GRU), Adam 1e-3 beta 0.9/0.999
eps 1e-7, batch size 1, 50 epochs, shuffled every epoch, MSE; prints test_mse (scaled units^2) on the last 20%.

Needs python3-torch and python3-numpy (Debian: apt-get install python3-torch python3-numpy).

  keras_gru_reference.py --seed 1                       one run, the lesson's recipe (constant rate)
  keras_gru_reference.py --seed 1 --decay-epochs 10     the preset's end: half cosine to 1% over the last 10 epochs
  keras_gru_reference.py --init DIR --order O.txt       start from given weights and take the pairs in a given order
                                                        (to replay a run of the C# trainer step by step)
"""
import argparse
import math
import sys

import numpy as np
import torch
from torch import nn


def lesson_pairs(points=1000, window=10):
    data = np.sin(np.linspace(0, 100, points))
    scaled = (data - data.min()) / (data.max() - data.min())
    # create_dataset: range(len(data) - time_step - 1)
    count = points - window - 1
    x = np.stack([scaled[i:i + window] for i in range(count)]).astype(np.float32)
    y = scaled[window:window + count].astype(np.float32)
    return x, y


class KerasGru(nn.Module):
    def __init__(self, hidden=50):
        super().__init__()
        self.gru = nn.GRU(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def keras_init(self):
        with torch.no_grad():
            nn.init.xavier_uniform_(self.gru.weight_ih_l0)
            nn.init.orthogonal_(self.gru.weight_hh_l0)
            nn.init.zeros_(self.gru.bias_ih_l0)
            nn.init.zeros_(self.gru.bias_hh_l0)
            nn.init.xavier_uniform_(self.head.weight)
            nn.init.zeros_(self.head.bias)

    def forward(self, x):
        sequence, _ = self.gru(x.unsqueeze(-1))
        return self.head(sequence[:, -1]).squeeze(-1)


class KerasAdam(torch.optim.Optimizer):
    """Keras' Adam: eps is added to sqrt(v) before the bias correction (PyTorch adds it after)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-7):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                state["step"] += 1
                t = state["step"]
                state["m"].mul_(b1).add_(p.grad, alpha=1 - b1)
                state["v"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                rate = group["lr"] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                p.addcdiv_(state["m"], state["v"].sqrt().add_(group["eps"]), value=-rate)


def rate_factor(epoch, epochs, decay_epochs, decay_to):
    """The C# trainer's schedule: 1, then a half cosine over the last decay_epochs epochs to decay_to."""
    span = min(decay_epochs, epochs)
    into = epoch - (epochs - span)
    if span == 0 or into <= 0:
        return 1.0
    return decay_to + (1 - decay_to) * (1 + math.cos(math.pi * into / span)) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--eps", type=float, default=1e-7)
    parser.add_argument("--adam", choices=["torch", "keras"], default="torch", help="where eps goes (default torch)")
    parser.add_argument("--decay-epochs", type=int, default=0)
    parser.add_argument("--decay-to", type=float, default=0.01)
    parser.add_argument("--init", help="directory of initial weights: NAME.bin (raw float32) per state-dict entry")
    parser.add_argument("--order", help="text file, one line per epoch of space-separated pair indices")
    parser.add_argument("--steps-log", help="write the loss of every step (before it) to this file")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    x, y = lesson_pairs()
    train = int(len(x) * 0.8)
    x_train, y_train = torch.from_numpy(x[:train]), torch.from_numpy(y[:train])
    x_test, y_test = torch.from_numpy(x[train:]), torch.from_numpy(y[train:])

    model = KerasGru()
    model.keras_init()
    if args.init:
        model.load_state_dict({k: torch.from_numpy(np.fromfile(f"{args.init}/{k}.bin", dtype=np.float32).reshape(v.shape))
                               for k, v in model.state_dict().items()})
    optimizer = (KerasAdam if args.adam == "keras" else torch.optim.Adam)(
        model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=args.eps)
    orders = [list(map(int, line.split())) for line in open(args.order)] if args.order else None
    shuffle = np.random.default_rng(args.seed)
    steps_log = open(args.steps_log, "w") if args.steps_log else None

    for epoch in range(1, args.epochs + 1):
        for group in optimizer.param_groups:
            group["lr"] = args.lr * rate_factor(epoch, args.epochs, args.decay_epochs, args.decay_to)
        order = orders[epoch - 1] if orders else shuffle.permutation(train)
        model.train()
        total = 0.0
        for i in order:
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(x_train[i:i + 1]), y_train[i:i + 1])
            loss.backward()
            optimizer.step()
            total += loss.item()
            if steps_log:
                steps_log.write(f"{loss.item():.9e}\n")
        model.eval()
        with torch.no_grad():
            test = nn.functional.mse_loss(model(x_test), y_test).item()
        if not args.quiet:
            print(f"epoch {epoch:3d}  lr={optimizer.param_groups[0]['lr']:.2e}  loss={total / train:.3e}  test_mse={test:.3e}",
                  file=sys.stderr)
    print(f"test_mse={test:.6e}")


if __name__ == "__main__":
    main()
