namespace Kan.Training.Optimizers
{
    /// <summary>An objective over a flat parameter vector: value at <c>x</c>, gradient written into <c>gradient</c>.</summary>
    internal interface IDifferentiableFunction
    {
        double Evaluate(double[] x, double[] gradient);
    }
}
