using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Interop.Torch;

namespace Kan.Interop
{
    /// <summary>Choices an efficient-kan state dict does not store.</summary>
    public sealed class EfficientKanImportOptions
    {
        /// <summary>The layers' <c>base_activation</c> (efficient-kan's default is <c>torch.nn.SiLU</c>).</summary>
        public BaseFunction BaseFunction { get; init; } = BaseFunction.Silu;

        /// <summary>Input names (default x1, x2, ...).</summary>
        public ImmutableArray<string> InputNames { get; init; } = ImmutableArray<string>.Empty;

        /// <summary>Output names (default y1, y2, ...).</summary>
        public ImmutableArray<string> OutputNames { get; init; } = ImmutableArray<string>.Empty;
    }

    /// <summary>
    /// Converts an efficient-kan state dict (<c>torch.save(model.state_dict(), PATH)</c>) into a <see cref="KanModel"/>.
    /// efficient-kan's <c>KANLinear</c> computes <c>sum_i base_weight[j,i]*b(x_i) + sum_i spline_scaler[j,i]*sum_m
    /// spline_weight[j,i,m]*B_m(x_i)</c> with pykan's half-open B-splines: exactly a KAN layer with
    /// <c>scale_base = base_weight^T</c>, <c>scale_sp = spline_scaler^T</c> (1 when there is no standalone scaler),
    /// <c>coef = spline_weight</c> transposed to <c>[in, out, G+k]</c>, no masks and identity affines.
    /// G and k follow from the shapes: the grid is <c>[in, G+2k+1]</c> and the weights <c>[out, in, G+k]</c>.
    /// </summary>
    public static class EfficientKanImporter
    {
        private const string FirstKey = "layers.0.base_weight";

        public static PykanImport Import(string path, EfficientKanImportOptions? options = null)
        {
            using var stream = System.IO.File.OpenRead(path);
            return Import(stream, path, options);
        }

        /// <summary>Imports from a seekable stream; <paramref name="path"/> is used in messages and metadata.</summary>
        public static PykanImport Import(System.IO.Stream stream, string path, EfficientKanImportOptions? options = null)
        {
            options ??= new EfficientKanImportOptions();
            TorchStateDict sd = TorchFile.ReadStateDict(stream, path);
            Exception Error(string detail) => new TorchFormatException(path, detail);

            // A state dict saved from a wrapper module has its keys prefixed ("model.layers.0...").
            string? key0 = sd.Tensors.Select(t => t.Key).FirstOrDefault(k => k.EndsWith(FirstKey, StringComparison.Ordinal) && (k.Length == FirstKey.Length || k[k.Length - FirstKey.Length - 1] == '.'));
            if (key0 is null)
            {
                throw Error("no efficient-kan layers: expected tensors 'layers.<l>.grid', 'layers.<l>.base_weight', 'layers.<l>.spline_weight'; found " +
                            string.Join(", ", sd.Tensors.Take(8).Select(t => "'" + t.Key + "'")) + (sd.Tensors.Length > 8 ? ", ..." : string.Empty));
            }

            string prefix = key0.Substring(0, key0.Length - FirstKey.Length) + "layers.";
            var layers = ImmutableArray.CreateBuilder<KanLayer>();
            for (int l = 0; sd.TryGet(prefix + l + ".base_weight", out var baseWeight); l++)
            {
                string p = prefix + l + ".";
                if (baseWeight.Shape.Length != 2)
                {
                    throw Error("tensor '" + p + "base_weight' has shape " + baseWeight.ShapeText + ", expected [out, in]");
                }

                int nOut = baseWeight.Shape[0];
                int nIn = baseWeight.Shape[1];
                if (l > 0 && nIn != layers[l - 1].OutputCount)
                {
                    throw Error("layer " + l + " reads " + nIn + " inputs but layer " + (l - 1) + " gives " + layers[l - 1].OutputCount);
                }

                if (!sd.TryGet(p + "spline_weight", out var splineWeight) || splineWeight.Shape.Length != 3)
                {
                    throw Error("layer " + l + " needs a tensor '" + p + "spline_weight' of shape [out, in, G+k]");
                }

                int coefCount = splineWeight.Shape[2];
                var grid = ImportChecks.Knots(sd.Values(p + "grid", nIn, -1), nIn, p + "grid", Error);
                int knotCount = grid.Length / Math.Max(nIn, 1);
                int k = knotCount - coefCount - 1;
                if (k < 1 || coefCount - k < 1)
                {
                    throw Error("layer " + l + ": a grid of " + knotCount + " knots and " + coefCount + " spline weights per edge give no valid spline order (need G >= 1, k >= 1)");
                }

                var weights = ImportChecks.Finite(sd.Values(p + "spline_weight", nOut, nIn, coefCount), p + "spline_weight", Error);
                ImmutableArray<double> scaler = sd.TryGet(p + "spline_scaler", out _) ? ImportChecks.Finite(sd.Values(p + "spline_scaler", nOut, nIn), p + "spline_scaler", Error) : ImmutableArray<double>.Empty;
                var bw = ImportChecks.Finite(baseWeight.Values, p + "base_weight", Error);
                var coef = new double[nIn * nOut * coefCount];
                var scaleBase = new double[nIn * nOut];
                var scaleSp = new double[nIn * nOut];
                for (int i = 0; i < nIn; i++)
                {
                    for (int j = 0; j < nOut; j++)
                    {
                        scaleBase[(i * nOut) + j] = bw[(j * nIn) + i];
                        scaleSp[(i * nOut) + j] = scaler.IsEmpty ? 1.0 : scaler[(j * nIn) + i];
                        for (int m = 0; m < coefCount; m++)
                        {
                            coef[(((i * nOut) + j) * coefCount) + m] = weights[(((j * nIn) + i) * coefCount) + m];
                        }
                    }
                }

                try
                {
                    layers.Add(SumLayer(nIn, nOut, k, options.BaseFunction, grid, coef, scaleBase, scaleSp));
                }
                catch (ArgumentException e)
                {
                    throw Error("layer " + l + ": " + e.Message);
                }
            }

            int inputs = layers[0].InputCount;
            int outputs = layers[layers.Count - 1].OutputCount;
            var inputNames = Names(options.InputNames, inputs, "x", "--inputs");
            var outputNames = Names(options.OutputNames, outputs, "y", "--outputs");
            var notes = ImmutableArray.CreateBuilder<string>();
            var metadata = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            metadata.Add(new KeyValuePair<string, string>("source", "efficient-kan state dict " + System.IO.Path.GetFileName(path)));
            if (sd.WideningNote() is string note)
            {
                notes.Add(note);
                metadata.Add(new KeyValuePair<string, string>("note", note));
            }

            var model = new KanModel(inputNames, outputNames, ImmutableArray<int>.Empty, layers.ToImmutable(), metadata.ToImmutable());
            return new PykanImport(model, ImmutableArray.Create(path), notes.ToImmutable());
        }

        private static ImmutableArray<string> Names(ImmutableArray<string> given, int count, string stem, string option)
        {
            if (given.IsDefaultOrEmpty)
            {
                return Enumerable.Range(1, count).Select(i => stem + i).ToImmutableArray();
            }

            return given.Length == count ? given : throw new ArgumentException(option + " lists " + given.Length + " name(s) but the model has " + count);
        }

        // A plain sum layer: no masks, symbolic edges or affines (the builder's defaults).
        private static KanLayer SumLayer(int nIn, int nOut, int k, BaseFunction baseFunction, ImmutableArray<double> grid, double[] coef, double[] scaleBase, double[] scaleSp) =>
            new KanLayer.Builder(new LayerTopology(nIn, nOut, ImmutableArray<int>.Empty))
            {
                K = k,
                BaseFunction = baseFunction,
                Knots = grid,
                Coefficients = coef.ToImmutableArray(),
                ScaleBase = scaleBase.ToImmutableArray(),
                ScaleSpline = scaleSp.ToImmutableArray(),
            }.Build();
    }
}
