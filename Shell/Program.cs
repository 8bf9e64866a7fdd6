using Menshen.Core.Config;
using Menshen.Shell.Hosting;

// Temporary entry until the CLI lands: serve a config given in code is not useful; exit.
_ = typeof(GatewayHost);
_ = typeof(GatewayConfig);
return 0;
