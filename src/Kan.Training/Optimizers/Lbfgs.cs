using System;

namespace Kan.Training.Optimizers
{
    /// <summary>
    /// torch.optim.LBFGS as pykan's kan/LBFGS.py configures it for <c>fit</c>: lr=1, history_size=10,
    /// strong-Wolfe line search, tolerance_grad = tolerance_change = tolerance_ys = 1e-32, max_iter=20,
    /// max_eval=25. One <see cref="Step"/> is one <c>optimizer.step(closure)</c>; the history, direction and
    /// step persist between steps exactly as torch's optimizer state does.
    /// Every vector lives in buffers allocated once for the parameter count (the history's pairs on first use), so
    /// a step allocates nothing: a fit runs up to 25 evaluations per step over a few hundred parameters, where
    /// fresh arrays per iteration cost more than the arithmetic around them.
    /// </summary>
    internal sealed class Lbfgs
    {
        private readonly StrongWolfe _search = new StrongWolfe();
        // History pairs, oldest first: entries [0, _historyCount) are in use; entry _historyCount, once allocated,
        // is the spare the next pair is computed into (kept out of the history when ys is too small).
        private double[]?[] _oldDirs = Array.Empty<double[]?>();
        private double[]?[] _oldSteps = Array.Empty<double[]?>();
        private double[] _ro = Array.Empty<double>();
        private double[] _al = Array.Empty<double>();
        private int _historyCount;
        private double[]? _d;
        private double[] _flatGrad = Array.Empty<double>();
        private double[] _newGrad = Array.Empty<double>();
        private double[] _prevFlatGrad = Array.Empty<double>();
        private double _t;
        private double _hDiag = 1.0;
        private int _nIter;

        public double LearningRate { get; set; } = 1.0;

        public int MaxIter { get; set; } = 20;

        public int MaxEval { get; set; } = 25;

        /// <summary>Pairs kept (torch's history_size).</summary>
        public int HistorySize { get; init; } = 10;

        public double ToleranceGrad { get; set; } = 1e-32;

        public double ToleranceChange { get; set; } = 1e-32;

        public double ToleranceYs { get; set; } = 1e-32;

        /// <summary>Runs one optimizer step on <paramref name="x"/> in place; returns the loss at the starting point.</summary>
        public double Step(IDifferentiableFunction fn, double[] x)
        {
            int n = x.Length;
            if (_d is not null && _d.Length != n)
            {
                throw new InvalidOperationException("The parameter count changed between LBFGS steps.");
            }

            EnsureBuffers(n);
            double[] flatGrad = _flatGrad;
            double origLoss = fn.Evaluate(x, flatGrad);
            double loss = origLoss;
            int currentEvals = 1;
            if (FlatVector.MaxAbs(flatGrad) <= ToleranceGrad)
            {
                return origLoss;
            }

            double[] d = _d!;
            int nIter = 0;
            while (nIter < MaxIter)
            {
                nIter++;
                _nIter++;
                if (_nIter == 1)
                {
                    FlatVector.Negate(flatGrad, d);
                    _historyCount = 0;
                    _hDiag = 1.0;
                }
                else
                {
                    // y and s go into the spare pair; d still holds the previous direction here.
                    double[] y = _oldDirs[_historyCount] ??= new double[n];
                    double[] s = _oldSteps[_historyCount] ??= new double[n];
                    FlatVector.Difference(flatGrad, _prevFlatGrad, y);
                    FlatVector.Scale(d, _t, s);

                    double ys = FlatVector.Dot(y, s);
                    if (ys > ToleranceYs)
                    {
                        if (_historyCount == HistorySize)
                        {
                            DropOldest();
                        }

                        _ro[_historyCount] = 1.0 / ys;
                        _historyCount++;
                        _hDiag = ys / FlatVector.Dot(y, y);
                    }

                    int numOld = _historyCount;
                    double[] al = _al;
                    double[] q = d;
                    FlatVector.Negate(flatGrad, q);
                    for (int i = numOld - 1; i >= 0; i--)
                    {
                        al[i] = FlatVector.Dot(_oldSteps[i]!, q) * _ro[i];
                        FlatVector.Axpy(-al[i], _oldDirs[i]!, q);
                    }

                    FlatVector.Scale(q, _hDiag, q);

                    for (int i = 0; i < numOld; i++)
                    {
                        double be = FlatVector.Dot(_oldDirs[i]!, q) * _ro[i];
                        FlatVector.Axpy(al[i] - be, _oldSteps[i]!, q);
                    }
                }

                Array.Copy(flatGrad, _prevFlatGrad, n);
                double prevLoss = loss;
                _t = _nIter == 1 ? Math.Min(1.0, 1.0 / FlatVector.SumAbs(flatGrad)) * LearningRate : LearningRate;
                double gtd = FlatVector.Dot(flatGrad, d);
                if (gtd > -ToleranceChange)
                {
                    break;
                }

                double[] newGrad = _newGrad;
                var (newLoss, t, evals) = _search.Search(fn, x, _t, d, loss, flatGrad, gtd, newGrad);
                _t = t;
                loss = newLoss;
                // The old gradient is in _prevFlatGrad now; its buffer takes the next search's gradient.
                _newGrad = flatGrad;
                _flatGrad = newGrad;
                flatGrad = newGrad;
                FlatVector.Axpy(t, d, x);
                bool optCond = FlatVector.MaxAbs(flatGrad) <= ToleranceGrad;
                currentEvals += evals;

                if (nIter == MaxIter || currentEvals >= MaxEval || optCond)
                {
                    break;
                }

                double maxStep = FlatVector.MaxAbs(d, t);
                if (maxStep <= ToleranceChange || Math.Abs(loss - prevLoss) < ToleranceChange)
                {
                    break;
                }
            }

            return origLoss;
        }

        private void EnsureBuffers(int n)
        {
            if (_d is not null)
            {
                return;
            }

            _d = new double[n];
            _flatGrad = new double[n];
            _newGrad = new double[n];
            _prevFlatGrad = new double[n];
            _oldDirs = new double[]?[HistorySize + 1];
            _oldSteps = new double[]?[HistorySize + 1];
            _ro = new double[HistorySize];
            _al = new double[HistorySize];
            _search.EnsureBuffers(n);
        }

        /// <summary>Forgets the oldest pair (torch's <c>pop(0)</c>); its arrays become the spare.</summary>
        private void DropOldest()
        {
            double[]? oldestDir = _oldDirs[0], oldestStep = _oldSteps[0];
            for (int i = 0; i < HistorySize; i++)
            {
                _oldDirs[i] = _oldDirs[i + 1];
                _oldSteps[i] = _oldSteps[i + 1];
            }

            for (int i = 0; i < HistorySize - 1; i++)
            {
                _ro[i] = _ro[i + 1];
            }

            _oldDirs[HistorySize] = oldestDir;
            _oldSteps[HistorySize] = oldestStep;
            _historyCount--;
        }
    }
}
