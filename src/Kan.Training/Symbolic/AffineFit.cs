namespace Kan.Training.Symbolic
{
    /// <summary>The result of <see cref="ParameterFit.FitParams"/>: <c>y ≈ C*f(A*x + B) + D</c> and pykan's r².</summary>
    public readonly struct AffineFit
    {
        public AffineFit(double a, double b, double c, double d, double r2)
        {
            A = a;
            B = b;
            C = c;
            D = d;
            R2 = r2;
        }

        public double A { get; }

        public double B { get; }

        public double C { get; }

        public double D { get; }

        /// <summary>pykan's grid r²: <c>cov² / (var_f*var_y + 1e-4)</c> at the chosen (a, b), NaN read as 0.</summary>
        public double R2 { get; }

        public override string ToString() => "a=" + A + " b=" + B + " c=" + C + " d=" + D + " r2=" + R2;
    }
}
