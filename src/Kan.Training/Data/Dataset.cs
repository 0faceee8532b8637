using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Kan.Training
{
    /// <summary>Train and test rows (pykan's dataset dict: train_input, train_label, test_input, test_label).</summary>
    public sealed class Dataset
    {
        public Dataset(double[,] trainInputs, double[,] trainLabels, double[,] testInputs, double[,] testLabels, string[]? inputNames = null, string[]? outputNames = null)
        {
            if (trainInputs.GetLength(0) != trainLabels.GetLength(0) || testInputs.GetLength(0) != testLabels.GetLength(0))
            {
                throw new ArgumentException("Inputs and labels need the same number of rows.");
            }

            if (trainInputs.GetLength(1) != testInputs.GetLength(1) || trainLabels.GetLength(1) != testLabels.GetLength(1))
            {
                throw new ArgumentException("Train and test need the same columns.");
            }

            TrainInputs = trainInputs;
            TrainLabels = trainLabels;
            TestInputs = testInputs;
            TestLabels = testLabels;
            InputNames = inputNames ?? Enumerable.Range(1, trainInputs.GetLength(1)).Select(i => "x" + i).ToArray();
            OutputNames = outputNames ?? Enumerable.Range(1, trainLabels.GetLength(1)).Select(i => "y" + i).ToArray();
        }

        public double[,] TrainInputs { get; }

        public double[,] TrainLabels { get; }

        public double[,] TestInputs { get; }

        public double[,] TestLabels { get; }

        public string[] InputNames { get; }

        public string[] OutputNames { get; }

        public int InputCount => TrainInputs.GetLength(1);

        public int OutputCount => TrainLabels.GetLength(1);

        /// <summary>
        /// pykan <c>create_dataset</c>: every input uniform in its range (one range for all, or one per variable),
        /// labels <c>f(x)</c>; train rows drawn before test rows from one seeded <see cref="Random"/>.
        /// </summary>
        public static Dataset FromFunction(Func<double[], double> f, int nVar, (double Min, double Max)[] ranges, int trainCount = 1000, int testCount = 1000, int seed = 0) =>
            FromFunction(x => new[] { f(x) }, nVar, 1, ranges, trainCount, testCount, seed);

        /// <inheritdoc cref="FromFunction(Func{double[], double}, int, ValueTuple{double, double}[], int, int, int)"/>
        public static Dataset FromFunction(Func<double[], double[]> f, int nVar, int nOut, (double Min, double Max)[] ranges, int trainCount = 1000, int testCount = 1000, int seed = 0)
        {
            if (ranges.Length != 1 && ranges.Length != nVar)
            {
                throw new ArgumentException("Give one range for all variables or one per variable.", nameof(ranges));
            }

            var random = new Random(seed);
            (double[,] x, double[,] y) Draw(int rows)
            {
                var x = new double[rows, nVar];
                var y = new double[rows, nOut];
                var row = new double[nVar];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < nVar; c++)
                    {
                        var (min, max) = ranges.Length == 1 ? ranges[0] : ranges[c];
                        row[c] = x[r, c] = random.NextDouble() * (max - min) + min;
                    }

                    double[] v = f(row);
                    for (int o = 0; o < nOut; o++)
                    {
                        y[r, o] = v[o];
                    }
                }

                return (x, y);
            }

            var (trainX, trainY) = Draw(trainCount);
            var (testX, testY) = Draw(testCount);
            return new Dataset(trainX, trainY, testX, testY);
        }

        /// <summary>
        /// Reads a comma-separated file with a header row; the named columns become inputs and outputs. Rows are
        /// shuffled with <paramref name="seed"/> and the last <paramref name="testFraction"/> becomes the test set.
        /// </summary>
        public static Dataset FromCsv(string path, string[] inputColumns, string[] outputColumns, double testFraction = 0.2, int seed = 0)
        {
            string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
            if (lines.Length < 2)
            {
                throw new FormatException(path + ": needs a header row and at least one data row.");
            }

            string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
            int Column(string name)
            {
                int c = Array.IndexOf(header, name);
                if (c < 0)
                {
                    throw new FormatException(path + ": no column '" + name + "' (columns: " + string.Join(", ", header) + ").");
                }

                return c;
            }

            int[] inCols = inputColumns.Select(Column).ToArray();
            int[] outCols = outputColumns.Select(Column).ToArray();
            var rows = new List<double[]>();
            for (int r = 1; r < lines.Length; r++)
            {
                string[] cells = lines[r].Split(',');
                if (cells.Length != header.Length)
                {
                    throw new FormatException(path + "(" + (r + 1) + "): expected " + header.Length + " cells, got " + cells.Length + ".");
                }

                var values = new double[cells.Length];
                for (int c = 0; c < cells.Length; c++)
                {
                    if (!double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) && (inCols.Contains(c) || outCols.Contains(c)))
                    {
                        throw new FormatException(path + "(" + (r + 1) + "): '" + cells[c] + "' in column '" + header[c] + "' is not a number.");
                    }
                }

                rows.Add(values);
            }

            var random = new Random(seed);
            double[][] shuffled = rows.OrderBy(_ => random.Next()).ToArray();
            int testCount = (int)Math.Round(shuffled.Length * testFraction);
            int trainCount = shuffled.Length - testCount;
            double[,] Take(int start, int count, int[] cols)
            {
                var m = new double[count, cols.Length];
                for (int r = 0; r < count; r++)
                {
                    for (int c = 0; c < cols.Length; c++)
                    {
                        m[r, c] = shuffled[start + r][cols[c]];
                    }
                }

                return m;
            }

            return new Dataset(Take(0, trainCount, inCols), Take(0, trainCount, outCols), Take(trainCount, testCount, inCols), Take(trainCount, testCount, outCols), inputColumns, outputColumns);
        }

        /// <summary>
        /// Per-column normalisation from the training inputs: <c>scale = 1/std</c>, <c>bias = -mean/std</c>
        /// (std 0 gives scale 1), for <see cref="KanNetwork.SetInputNormalization"/>.
        /// </summary>
        public (double[] Scale, double[] Bias) InputNormalization()
        {
            int rows = TrainInputs.GetLength(0), cols = InputCount;
            var scale = new double[cols];
            var bias = new double[cols];
            for (int c = 0; c < cols; c++)
            {
                double mean = 0;
                for (int r = 0; r < rows; r++)
                {
                    mean += TrainInputs[r, c];
                }

                mean /= rows;
                double var = 0;
                for (int r = 0; r < rows; r++)
                {
                    double d = TrainInputs[r, c] - mean;
                    var += d * d;
                }

                double std = rows > 1 ? Math.Sqrt(var / (rows - 1)) : 0.0;
                scale[c] = std > 0 ? 1.0 / std : 1.0;
                bias[c] = -mean * scale[c];
            }

            return (scale, bias);
        }
    }
}
