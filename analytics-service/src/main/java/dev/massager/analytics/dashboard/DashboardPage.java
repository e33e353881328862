package dev.massager.analytics.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard's {@code index.html} at {@code /dashboard/}. {@code /dashboard} redirects there rather
 * than forwarding, so that the page's relative links (its script, Chart.js, the API) resolve; browsers keep the
 * URL fragment, and with it the token, across the redirect.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", "/dashboard/");
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }
}
