package dev.massager.infra;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract against containers; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureIT extends InfrastructureContract {

    @Override
    Infrastructure infrastructure() {
        return Infrastructure.shared(InfrastructureMode.CONTAINERS);
    }
}
