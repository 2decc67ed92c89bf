fn main() {
    tahsildar_lib::run();
}
