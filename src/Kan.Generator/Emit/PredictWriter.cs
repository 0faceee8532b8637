using System.Collections.Generic;
using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The public entry points: a scalar <c>Predict</c> with one parameter per input (single-output models),
    /// array and batch overloads always, span overloads when the compilation has <c>System.Span&lt;T&gt;</c>; batches
    /// hand whole groups of four rows to the vector path first where there is one (<see cref="VectorBatchWriter"/>).
    /// All of them check lengths and then call the private <c>Compute</c>; none allocates.
    /// </summary>
    internal sealed class PredictWriter
    {
        private readonly SourceWriter _w;
        private readonly string _t;
        private readonly int _in;
        private readonly int _out;
        private readonly bool _table;
        private readonly bool _vectorRows;

        public PredictWriter(SourceWriter writer, string type, int inputCount, int outputCount, bool table, bool vectorRows)
        {
            _w = writer;
            _t = type;
            _in = inputCount;
            _out = outputCount;
            _table = table;
            _vectorRows = vectorRows;
        }

        public void WriteScalar(string[] parameters, IReadOnlyList<string> inputNames, string outputName)
        {
            _w.Line("/// <summary>Predicts <c>" + Literals.XmlDoc(outputName) + "</c>.</summary>");
            for (int c = 0; c < parameters.Length; c++)
            {
                _w.Line("/// <param name=\"" + parameters[c].TrimStart('@') + "\">Input <c>" + Literals.XmlDoc(inputNames[c]) + "</c>.</param>");
            }

            _w.Open("public static " + _t + " Predict(" + string.Join(", ", parameters.Select(p => _t + " " + p)) + ")");
            if (_table)
            {
                _w.Line(_t + "[] buffer = Buffer();");
                for (int c = 0; c < parameters.Length; c++)
                {
                    _w.Line("buffer[" + c + "] = " + parameters[c] + ";");
                }

                _w.Line("return buffer[Compute(buffer)];");
            }
            else
            {
                _w.Line("Compute(" + string.Join(", ", parameters.Concat(new[] { "out " + _t + " result" })) + ");");
                _w.Line("return result;");
            }

            _w.Close();
            _w.Line();
        }

        public void WriteArrays()
        {
            _w.Line("/// <summary>Predicts one row: <paramref name=\"input\"/> holds <see cref=\"InputCount\"/> values, <paramref name=\"output\"/> receives <see cref=\"OutputCount\"/>.</summary>");
            _w.Open("public static void Predict(" + _t + "[] input, " + _t + "[] output)");
            NullChecks("input", "output");
            LengthCheck("input.Length != InputCount", "input", "Expected InputCount input values.");
            LengthCheck("output.Length != OutputCount", "output", "Expected room for OutputCount output values.");
            Call("input", "0", "output", "0");
            _w.Close();
            _w.Line();
            WriteBatch(_t + "[]", _t + "[]", nullChecks: true);
        }

        public void WriteSpans()
        {
            string ro = "global::System.ReadOnlySpan<" + _t + ">", rw = "global::System.Span<" + _t + ">";
            _w.Line("/// <summary>Predicts one row: <paramref name=\"input\"/> holds <see cref=\"InputCount\"/> values, <paramref name=\"output\"/> receives <see cref=\"OutputCount\"/>.</summary>");
            _w.Open("public static void Predict(" + ro + " input, " + rw + " output)");
            LengthCheck("input.Length != InputCount", "input", "Expected InputCount input values.");
            LengthCheck("output.Length != OutputCount", "output", "Expected room for OutputCount output values.");
            Call("input", "0", "output", "0");
            _w.Close();
            _w.Line();
            WriteBatch(ro, rw, nullChecks: false);
        }

        private void WriteBatch(string inType, string outType, bool nullChecks)
        {
            _w.Line("/// <summary>Predicts many rows stored row-major: <c>inputs</c> is rows x InputCount, <c>outputs</c> rows x OutputCount.</summary>");
            _w.Open("public static void PredictBatch(" + inType + " inputs, " + outType + " outputs)");
            if (nullChecks)
            {
                NullChecks("inputs", "outputs");
            }

            _w.Line("int rows = inputs.Length / InputCount;");
            LengthCheck("rows * InputCount != inputs.Length", "inputs", "The input length is not a multiple of InputCount.");
            LengthCheck("rows * OutputCount != outputs.Length", "outputs", "Expected room for rows x OutputCount output values.");
            if (_vectorRows)
            {
                _w.Line("int row = 0;");
                _w.Line("#if " + VectorBatchWriter.Symbol);
                _w.Line("row = ComputeRows4(inputs, outputs, rows);");
                _w.Line("#endif");
                _w.Open("for (; row < rows; row++)");
            }
            else
            {
                _w.Open("for (int row = 0; row < rows; row++)");
            }

            Call("inputs", "row * InputCount", "outputs", "row * OutputCount");
            _w.Close();
            _w.Close();
            _w.Line();
        }

        private void Call(string input, string inStart, string output, string outStart)
        {
            string At(string array, string start, int i) => array + "[" + (start == "0" ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : start + " + " + i) + "]";
            if (_table)
            {
                _w.Line(_t + "[] buffer = Buffer();");
                _w.Line("int i0 = " + inStart + ";");
                _w.Line("for (int c = 0; c < InputCount; c++) buffer[c] = " + input + "[i0 + c];");
                _w.Line("int o = Compute(buffer);");
                _w.Line("int o0 = " + outStart + ";");
                _w.Line("for (int n = 0; n < OutputCount; n++) " + output + "[o0 + n] = buffer[o + n];");
                return;
            }

            var args = Enumerable.Range(0, _in).Select(i => At(input, inStart, i))
                .Concat(Enumerable.Range(0, _out).Select(n => "out " + At(output, outStart, n)));
            _w.Line("Compute(" + string.Join(", ", args) + ");");
        }

        private void NullChecks(params string[] names)
        {
            foreach (string name in names)
            {
                _w.Line("if (" + name + " is null) throw new global::System.ArgumentNullException(nameof(" + name + "));");
            }
        }

        private void LengthCheck(string condition, string name, string message)
        {
            _w.Line("if (" + condition + ") throw new global::System.ArgumentException(" + Literals.String(message) + ", nameof(" + name + "));");
        }
    }
}
