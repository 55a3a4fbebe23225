/**
 * The environment of a `vite preview` that serves the built app as `npm start` does, on
 * loopback, with the embedded simulator as its upstream: no cloud configuration is inherited
 * from the shell that runs the tests or benchmarks.
 */
export function simulatedPreviewEnv(port: number, simulatorPort: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    SFS_TURBO_SIMULATOR_PORT: String(simulatorPort),
    SFS_TURBO_ENDPOINT: '',
    OS_TOKEN: '',
    OS_AUTH_TOKEN: '',
    OS_ACCESS_KEY: '',
    OS_SECRET_KEY: '',
    OS_USERNAME: '',
    OS_PASSWORD: '',
    OS_AUTH_URL: '',
    OS_CLOUD: '',
  };
}
