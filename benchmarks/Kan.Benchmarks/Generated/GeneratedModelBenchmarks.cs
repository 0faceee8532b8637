using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Kan.Evaluation;
using Kan.Format;

namespace Kan.Benchmarks.Generated;

/// <summary>
/// Code generated from Models/*.kan (by Kan.Generator, referenced as an analyzer) against the runtime evaluator on the
/// same model and hand-written code: the pykan toy spline model ([2,5,1], G=5, k=3), the same shape on pykan's
/// default uniform grid (toy_spline_uniform.kan, against <see cref="UniformToyReference"/>, the baseline), the snapped
/// exp(sin(pi*x)+y^2) model against its formula, plus a [2,5,1] G=20 model trained by `kan train` (adaptive grid: the guide-table
/// interval search; and a G=50 one, whose batches search each lane with the scalar code). Each single-prediction call reads the next of 1024 precomputed inputs in [-1, 1], so
/// branches are not trivially predicted; batches are 1000 rows reported per row (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GeneratedModelBenchmarks
{
    private const int Rows = 1000;
    private const int Mask = 1023;

    private KanEvaluator _splineEvaluator = null!;
    private KanEvaluator _symbolicEvaluator = null!;
    private KanEvaluator _grid20Evaluator = null!;
    private KanEvaluator _grid50Evaluator = null!;
    private KanEvaluator _uniformEvaluator = null!;
    private UniformToyReference _uniformReference = null!;
    private double[] _xs = null!;
    private double[] _ys = null!;
    private double[] _row = null!;
    private double[] _out = null!;
    private double[] _batch = null!;
    private double[] _batchOut = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        string models = Path.Combine(AppContext.BaseDirectory, "Models");
        _splineEvaluator = new KanEvaluator(KanFile.Read(Path.Combine(models, "toy_spline.kan")));
        _symbolicEvaluator = new KanEvaluator(KanFile.Read(Path.Combine(models, "toy_symbolic.kan")));
        _grid20Evaluator = new KanEvaluator(KanFile.Read(Path.Combine(models, "toy_spline_g20.kan")));
        _grid50Evaluator = new KanEvaluator(KanFile.Read(Path.Combine(models, "toy_spline_g50.kan")));
        KanModel uniform = KanFile.Read(Path.Combine(models, "toy_spline_uniform.kan"));
        _uniformEvaluator = new KanEvaluator(uniform);
        _uniformReference = new UniformToyReference(uniform);
        var rng = new Random(3);
        _xs = new double[Mask + 1];
        _ys = new double[Mask + 1];
        for (int i = 0; i <= Mask; i++)
        {
            _xs[i] = rng.NextDouble() * 2 - 1;
            _ys[i] = rng.NextDouble() * 2 - 1;
        }

        _batch = new double[Rows * 2];
        for (int r = 0; r < Rows; r++)
        {
            _batch[2 * r] = _xs[r];
            _batch[2 * r + 1] = _ys[r];
        }

        _batchOut = new double[Rows];
        _row = new double[2];
        _out = new double[1];
        CheckUniform();
    }

    // The compared codes must compute the same function (the equivalence tests hold the generated code to the
    // evaluator; this holds the hand-written reference to it): the benchmark inputs, every knot and points outside.
    private void CheckUniform()
    {
        for (int m = -15; m <= 15; m++)
        {
            foreach (double x in new[] { m * 0.2, _xs[m & Mask], _ys[m & Mask] })
            {
                foreach (double y in new[] { m * -0.2, _ys[(m * 7) & Mask] })
                {
                    _row[0] = x;
                    _row[1] = y;
                    _uniformEvaluator.Evaluate(_row, _out);
                    double reference = _uniformReference.Predict(x, y), generated = Kan.Benchmarks.ToySplineUniform.Predict(x, y);
                    double tolerance = 1e-12 * Math.Max(1.0, Math.Abs(_out[0]));
                    if (!(Math.Abs(reference - _out[0]) <= tolerance && Math.Abs(generated - _out[0]) <= tolerance))
                    {
                        throw new InvalidOperationException($"toy_spline_uniform at ({x}, {y}): evaluator {_out[0]:R}, hand-written {reference:R}, generated {generated:R}");
                    }
                }
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double Uniform_Handwritten()
    {
        int i = _i++ & Mask;
        return _uniformReference.Predict(_xs[i], _ys[i]);
    }

    [Benchmark]
    public double Uniform_Generated()
    {
        int i = _i++ & Mask;
        return Kan.Benchmarks.ToySplineUniform.Predict(_xs[i], _ys[i]);
    }

    [Benchmark]
    public double Uniform_Evaluator()
    {
        int i = _i++ & Mask;
        _row[0] = _xs[i];
        _row[1] = _ys[i];
        _uniformEvaluator.Evaluate(_row, _out);
        return _out[0];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Uniform_Generated_Batch() => Kan.Benchmarks.ToySplineUniform.PredictBatch(_batch.AsSpan(), _batchOut.AsSpan());

    [Benchmark]
    public double Spline_Generated()
    {
        int i = _i++ & Mask;
        return Kan.Benchmarks.ToySpline.Predict(_xs[i], _ys[i]);
    }

    [Benchmark]
    public double Spline_Evaluator()
    {
        int i = _i++ & Mask;
        _row[0] = _xs[i];
        _row[1] = _ys[i];
        _splineEvaluator.Evaluate(_row, _out);
        return _out[0];
    }

    [Benchmark]
    public double Grid20_Generated()
    {
        int i = _i++ & Mask;
        return Kan.Benchmarks.ToySplineG20.Predict(_xs[i], _ys[i]);
    }

    [Benchmark]
    public double Grid20_Evaluator()
    {
        int i = _i++ & Mask;
        _row[0] = _xs[i];
        _row[1] = _ys[i];
        _grid20Evaluator.Evaluate(_row, _out);
        return _out[0];
    }

    [Benchmark]
    public double Symbolic_Generated()
    {
        int i = _i++ & Mask;
        return Kan.Benchmarks.ToySymbolic.Predict(_xs[i], _ys[i]);
    }

    [Benchmark]
    public double Symbolic_Handwritten()
    {
        int i = _i++ & Mask;
        double x = _xs[i], y = _ys[i];
        return Math.Exp(Math.Sin(Math.PI * x) + y * y);
    }

    [Benchmark]
    public double Symbolic_Evaluator()
    {
        int i = _i++ & Mask;
        _row[0] = _xs[i];
        _row[1] = _ys[i];
        _symbolicEvaluator.Evaluate(_row, _out);
        return _out[0];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Spline_Generated_Batch() => Kan.Benchmarks.ToySpline.PredictBatch(_batch.AsSpan(), _batchOut.AsSpan());

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Spline_Evaluator_Batch() => _splineEvaluator.EvaluateBatch(_batch, _batchOut);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Grid20_Generated_Batch() => Kan.Benchmarks.ToySplineG20.PredictBatch(_batch.AsSpan(), _batchOut.AsSpan());

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Grid20_Evaluator_Batch() => _grid20Evaluator.EvaluateBatch(_batch, _batchOut);

    [Benchmark]
    public double Grid50_Generated()
    {
        int i = _i++ & Mask;
        return Kan.Benchmarks.ToySplineG50.Predict(_xs[i], _ys[i]);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Grid50_Generated_Batch() => Kan.Benchmarks.ToySplineG50.PredictBatch(_batch.AsSpan(), _batchOut.AsSpan());

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Grid50_Evaluator_Batch() => _grid50Evaluator.EvaluateBatch(_batch, _batchOut);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Symbolic_Generated_Batch() => Kan.Benchmarks.ToySymbolic.PredictBatch(_batch.AsSpan(), _batchOut.AsSpan());

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Symbolic_Handwritten_Batch()
    {
        for (int r = 0; r < Rows; r++)
        {
            double x = _batch[2 * r], y = _batch[2 * r + 1];
            _batchOut[r] = Math.Exp(Math.Sin(Math.PI * x) + y * y);
        }
    }
}
