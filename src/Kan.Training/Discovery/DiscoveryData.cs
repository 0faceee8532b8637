using System;
using System.Linq;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// The rows discovery works on: a seeded train/validation split of the caller's rows, with the target
    /// standardised (<c>(y - mean)/std</c>) so that lamb, tolerances and step sizes mean the same for every problem.
    /// Networks train on the standardised target and read raw inputs through a fixed input normalisation;
    /// <see cref="ToCallerUnits"/> folds the target scaling into the last layer's node affine.
    /// </summary>
    internal sealed class DiscoveryData
    {
        private DiscoveryData(Dataset dataset, double mean, double std, double[] inputScale, double[] inputBias)
        {
            Dataset = dataset;
            TargetMean = mean;
            TargetStd = std;
            InputScale = inputScale;
            InputBias = inputBias;
        }

        /// <summary>Training rows and (as its test rows) the validation rows, target standardised.</summary>
        public Dataset Dataset { get; }

        public double TargetMean { get; }

        public double TargetStd { get; }

        public double[] InputScale { get; }

        public double[] InputBias { get; }

        public int InputCount => Dataset.InputCount;

        /// <summary>The validation target in the caller's units.</summary>
        public double[] ValidationTarget => CallerUnits(Dataset.TestLabels);

        /// <summary>The training target in the caller's units.</summary>
        public double[] TrainTarget => CallerUnits(Dataset.TrainLabels);

        public static DiscoveryData Split(double[,] inputs, double[] target, string[] inputNames, string targetName, double validationFraction, int seed)
        {
            int rows = inputs.GetLength(0), cols = inputs.GetLength(1);
            if (rows != target.Length)
            {
                throw new ArgumentException("The inputs have " + rows + " rows but the target has " + target.Length + ".");
            }

            int validation = (int)Math.Round(rows * validationFraction);
            if (rows - validation < 10 || validation < 5)
            {
                throw new ArgumentException("Discovery needs at least 20 rows (it holds out " + validationFraction.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) + " to validate); the data has " + rows + ".");
            }

            double mean = target.Average();
            double std = Math.Sqrt(target.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, rows - 1));
            if (!(std > 0))
            {
                throw new ArgumentException("The target is constant (" + mean.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "): there is nothing to discover.");
            }

            var random = new Random(seed);
            int[] order = Enumerable.Range(0, rows).ToArray();
            for (int i = rows - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            (double[,] X, double[,] Y) Take(int start, int count)
            {
                var x = new double[count, cols];
                var y = new double[count, 1];
                for (int r = 0; r < count; r++)
                {
                    int source = order[start + r];
                    for (int c = 0; c < cols; c++)
                    {
                        x[r, c] = inputs[source, c];
                    }

                    y[r, 0] = (target[source] - mean) / std;
                }

                return (x, y);
            }

            var (trainX, trainY) = Take(0, rows - validation);
            var (validX, validY) = Take(rows - validation, validation);
            var dataset = new Dataset(trainX, trainY, validX, validY, inputNames, new[] { targetName });
            var (scale, bias) = RangeNormalization(trainX);
            return new DiscoveryData(dataset, mean, std, scale, bias);
        }

        /// <summary>RMSE of <paramref name="network"/> (standardised target) on the validation rows, in standardised units.</summary>
        public double ValidationRmse(KanNetwork network)
        {
            double[,] p = network.Forward(Dataset.TestInputs);
            double s = 0;
            int n = p.GetLength(0);
            for (int r = 0; r < n; r++)
            {
                double d = p[r, 0] - Dataset.TestLabels[r, 0];
                s += d * d;
            }

            double rmse = Math.Sqrt(s / n);
            return double.IsNaN(rmse) ? double.PositiveInfinity : rmse;
        }

        /// <summary>A copy of <paramref name="network"/> that predicts the target in the caller's units.</summary>
        public KanNetwork ToCallerUnits(KanNetwork network)
        {
            KanNetwork copy = network.Clone();
            NetworkLayer last = copy.Layers[copy.LayerCount - 1];
            last.Arrays.NodeScale[0] *= TargetStd;
            last.Arrays.NodeBias[0] = last.NodeBias[0] * TargetStd + TargetMean;
            return copy;
        }

        private double[] CallerUnits(double[,] labels)
        {
            int n = labels.GetLength(0);
            var y = new double[n];
            for (int r = 0; r < n; r++)
            {
                y[r] = labels[r, 0] * TargetStd + TargetMean;
            }

            return y;
        }

        /// <summary>Maps each column's training range onto [-1, 1], pykan's default grid range.</summary>
        private static (double[] Scale, double[] Bias) RangeNormalization(double[,] x)
        {
            int rows = x.GetLength(0), cols = x.GetLength(1);
            var scale = new double[cols];
            var bias = new double[cols];
            for (int c = 0; c < cols; c++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (int r = 0; r < rows; r++)
                {
                    lo = Math.Min(lo, x[r, c]);
                    hi = Math.Max(hi, x[r, c]);
                }

                scale[c] = hi > lo ? 2.0 / (hi - lo) : 1.0;
                bias[c] = hi > lo ? -(hi + lo) / (hi - lo) : -lo;
            }

            return (scale, bias);
        }
    }
}
