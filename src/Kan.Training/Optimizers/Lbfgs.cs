using System;
using System.Collections.Generic;

namespace Kan.Training.Optimizers
{
    /// <summary>
    /// torch.optim.LBFGS as pykan's kan/LBFGS.py configures it for <c>fit</c>: lr=1, history_size=10,
    /// strong-Wolfe line search, tolerance_grad = tolerance_change = tolerance_ys = 1e-32, max_iter=20,
    /// max_eval=25. One <see cref="Step"/> is one <c>optimizer.step(closure)</c>; the history, direction and
    /// step persist between steps exactly as torch's optimizer state does.
    /// </summary>
    internal sealed class Lbfgs
    {
        private readonly List<double[]> _oldDirs = new List<double[]>();
        private readonly List<double[]> _oldSteps = new List<double[]>();
        private readonly List<double> _ro = new List<double>();
        private double[]? _d;
        private double _t;
        private double _hDiag = 1.0;
        private double[]? _prevFlatGrad;
        private int _nIter;

        public double LearningRate { get; set; } = 1.0;

        public int MaxIter { get; set; } = 20;

        public int MaxEval { get; set; } = 25;

        public int HistorySize { get; set; } = 10;

        public double ToleranceGrad { get; set; } = 1e-32;

        public double ToleranceChange { get; set; } = 1e-32;

        public double ToleranceYs { get; set; } = 1e-32;

        /// <summary>Runs one optimizer step on <paramref name="x"/> in place; returns the loss at the starting point.</summary>
        public double Step(IDifferentiableFunction fn, double[] x)
        {
            int n = x.Length;
            var flatGrad = new double[n];
            double origLoss = fn.Evaluate(x, flatGrad);
            double loss = origLoss;
            int currentEvals = 1;
            if (MaxAbs(flatGrad) <= ToleranceGrad)
            {
                return origLoss;
            }

            if (_d is not null && _d.Length != n)
            {
                throw new InvalidOperationException("The parameter count changed between LBFGS steps.");
            }

            int nIter = 0;
            while (nIter < MaxIter)
            {
                nIter++;
                _nIter++;
                double[] d;
                if (_nIter == 1)
                {
                    d = Negate(flatGrad);
                    _oldDirs.Clear();
                    _oldSteps.Clear();
                    _ro.Clear();
                    _hDiag = 1.0;
                }
                else
                {
                    var y = new double[n];
                    var s = new double[n];
                    for (int i = 0; i < n; i++)
                    {
                        y[i] = flatGrad[i] - _prevFlatGrad![i];
                        s[i] = _d![i] * _t;
                    }

                    double ys = StrongWolfe.Dot(y, s);
                    if (ys > ToleranceYs)
                    {
                        if (_oldDirs.Count == HistorySize)
                        {
                            _oldDirs.RemoveAt(0);
                            _oldSteps.RemoveAt(0);
                            _ro.RemoveAt(0);
                        }

                        _oldDirs.Add(y);
                        _oldSteps.Add(s);
                        _ro.Add(1.0 / ys);
                        _hDiag = ys / StrongWolfe.Dot(y, y);
                    }

                    int numOld = _oldDirs.Count;
                    var al = new double[numOld];
                    double[] q = Negate(flatGrad);
                    for (int i = numOld - 1; i >= 0; i--)
                    {
                        al[i] = StrongWolfe.Dot(_oldSteps[i], q) * _ro[i];
                        Axpy(-al[i], _oldDirs[i], q);
                    }

                    for (int i = 0; i < n; i++)
                    {
                        q[i] *= _hDiag;
                    }

                    for (int i = 0; i < numOld; i++)
                    {
                        double be = StrongWolfe.Dot(_oldDirs[i], q) * _ro[i];
                        Axpy(al[i] - be, _oldSteps[i], q);
                    }

                    d = q;
                }

                _d = d;
                _prevFlatGrad = (double[])flatGrad.Clone();
                double prevLoss = loss;
                _t = _nIter == 1 ? Math.Min(1.0, 1.0 / SumAbs(flatGrad)) * LearningRate : LearningRate;
                double gtd = StrongWolfe.Dot(flatGrad, d);
                if (gtd > -ToleranceChange)
                {
                    break;
                }

                var newGrad = new double[n];
                var (newLoss, t, evals) = StrongWolfe.Search(fn, x, _t, d, loss, flatGrad, gtd, newGrad);
                _t = t;
                loss = newLoss;
                flatGrad = newGrad;
                Axpy(t, d, x);
                bool optCond = MaxAbs(flatGrad) <= ToleranceGrad;
                currentEvals += evals;

                if (nIter == MaxIter || currentEvals >= MaxEval || optCond)
                {
                    break;
                }

                double maxStep = 0;
                foreach (double v in d)
                {
                    maxStep = Math.Max(maxStep, Math.Abs(v * t));
                }

                if (maxStep <= ToleranceChange || Math.Abs(loss - prevLoss) < ToleranceChange)
                {
                    break;
                }
            }

            return origLoss;
        }

        private static double[] Negate(double[] g)
        {
            var r = new double[g.Length];
            for (int i = 0; i < g.Length; i++)
            {
                r[i] = -g[i];
            }

            return r;
        }

        private static void Axpy(double a, double[] x, double[] y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] += a * x[i];
            }
        }

        private static double MaxAbs(double[] v)
        {
            double m = 0;
            foreach (double x in v)
            {
                m = Math.Max(m, Math.Abs(x));
            }

            return m;
        }

        private static double SumAbs(double[] v)
        {
            double s = 0;
            foreach (double x in v)
            {
                s += Math.Abs(x);
            }

            return s;
        }
    }
}
