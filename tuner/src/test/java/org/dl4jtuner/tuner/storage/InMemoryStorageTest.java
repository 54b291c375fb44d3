package org.dl4jtuner.tuner.storage;

class InMemoryStorageTest extends StorageContractTest {
    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }
}
