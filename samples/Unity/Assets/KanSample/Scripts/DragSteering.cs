using UnityEngine;

namespace KanSample
{
    /// <summary>
    /// Flies the listed objects through air that thins with altitude. Every frame each object's drag comes from the
    /// KAN in Models/Drag.Kan.Generator.additionalfile, which the Kan generator compiled into the float class
    /// <see cref="Drag"/> (its generator object asks for namespace KanSample, internal, float):
    /// <c>a = -Drag.Predict(speed, altitude) * v - g</c>. Update allocates nothing: the velocities live in an array
    /// made once in Start, and Predict works on floats in registers.
    /// </summary>
    public sealed class DragSteering : MonoBehaviour
    {
        /// <summary>The model was trained on speed and altitude in [0, 3]; inputs are clamped there.</summary>
        private const float ModelRange = 3f;

        [SerializeField] private Transform[] bodies = new Transform[0];
        [SerializeField] private Vector3 launchVelocity = new Vector3(1.5f, 1.5f, 0f);
        [SerializeField] private float gravity = 9.81f;

        private Vector3[] velocities = new Vector3[0];

        private void Start()
        {
            velocities = new Vector3[bodies.Length];
            for (int i = 0; i < velocities.Length; i++)
            {
                velocities[i] = launchVelocity;
            }
        }

        private void Update()
        {
            float dt = Time.deltaTime;
            for (int i = 0; i < bodies.Length; i++)
            {
                Transform body = bodies[i];
                Vector3 position = body.position;
                Vector3 velocity = velocities[i];
                float speed = Mathf.Min(velocity.magnitude, ModelRange);
                float altitude = Mathf.Clamp(position.y, 0f, ModelRange);
                float drag = Drag.Predict(speed, altitude);

                // Semi-implicit Euler: velocity first, then position with the new velocity.
                velocity -= (drag * velocity + new Vector3(0f, gravity, 0f)) * dt;
                position += velocity * dt;
                if (position.y < 0f)
                {
                    position.y = ModelRange;
                    velocity = launchVelocity;
                }

                velocities[i] = velocity;
                body.position = position;
            }
        }
    }
}
