namespace Embedded.Model
{
    /// <summary>
    /// What firmware would do with the model: one control step in float, on the stack, with the drag
    /// from the float build of the KAN (<see cref="Drag"/>, generated from drag.kan).
    /// </summary>
    public static class DragController
    {
        /// <summary>Velocity after one step of drag and gravity; <paramref name="vx"/> and <paramref name="vy"/> are updated in place.</summary>
        public static void Step(ref float vx, ref float vy, float altitude, float dt)
        {
            float speed = (float)System.Math.Sqrt(vx * vx + vy * vy);
            float drag = Drag.Predict(speed < 3f ? speed : 3f, altitude < 0f ? 0f : (altitude > 3f ? 3f : altitude));
            vx -= drag * vx * dt;
            vy -= (drag * vy + 9.81f) * dt;
        }
    }
}
